"""Screenshots of the main screens for the README, taken from the running demo (`make run`):
`python -m scripts.screenshots [BASE_URL] [OUT_DIR]` (default http://127.0.0.1:$PORT, docs/screenshots).

Debian's Chromium through Playwright, as the browser tests use; counsel's and the CFO's demo logins."""

import os
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

PASSWORD = "covenant-demo"
# (file name, demo user, path)
SHOTS = [
    ("counsel-home.png", "counsel", "/"),
    ("matters.png", "counsel", "/matters/"),
    ("parties.png", "counsel", "/parties/"),
    ("deadlines.png", "counsel", "/deadlines/"),
    ("cfo-dashboard.png", "cfo", "/"),
]


def _login(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def take(base: str, out: Path, password: str = PASSWORD) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        pages: dict[str, Page] = {}
        for name, user, path in SHOTS:
            if user not in pages:
                pages[user] = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                _login(pages[user], base, user, password)
            page = pages[user]
            page.goto(base + path)
            page.screenshot(path=str(out / name), full_page=False)
            written.append(out / name)
        browser.close()
    return written


def main() -> int:
    base = sys.argv[1] if len(sys.argv) > 1 else f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
    for path in take(base.rstrip("/"), out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
