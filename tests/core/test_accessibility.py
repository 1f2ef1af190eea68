"""axe-core (vendored in static/vendor/axe-core) over the main pages of the demo, as counsel and as
the CFO: no serious or critical violation."""

import pytest
from django.core.management import call_command

from accounts.models import User
from closings.models import Closing
from matters.models import Matter
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _violations(page, url: str) -> list[str]:
    page.goto(url)
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    results = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{url}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}" for v in results
            if v["impact"] in ("serious", "critical")]


def test_the_main_pages_have_no_serious_or_critical_accessibility_violation(live_server, login_page):
    call_command("load_demo", verbosity=0)
    matter = Matter.objects.get(name__startswith="ROO Group, Inc.: $600,000")
    closing = Closing.objects.filter(matter=matter).get()
    counsel_pages = ["/", "/matters/", f"/matters/{matter.pk}/", f"/matters/{matter.pk}/timeline/",
                     f"/closings/{closing.pk}/", "/parties/", "/deadlines/"]
    for user in User.objects.filter(username__in=["counsel", "cfo"]):
        user.set_password(PASSWORD)  # login_page signs in with the factories' password
        user.save()
    page = login_page(User.objects.get(username="counsel"))
    found = [v for path in counsel_pages for v in _violations(page, live_server.url + path)]
    cfo = login_page(User.objects.get(username="cfo"))
    found += [v for path in ["/", f"/matters/{matter.pk}/"] for v in _violations(cfo, live_server.url + path)]
    assert found == [], "\n".join(found)
