// The login page's "Log in with a passkey" button: allauth's WebAuthn login form, wired here
// (not in an inline script) so the page's Content-Security-Policy needs no exception.
document.addEventListener("DOMContentLoaded", function () {
  if (document.getElementById("passkey_login")) {
    window.allauth.webauthn.forms.loginForm({ids: {login: "passkey_login", credential: "mfa_credential"}});
  }
});
