"""Only the CSS the shop uses (#14): the site layout loads static/css/oscar-used.css,
the rules of Oscar's 283 KB styles.css that our pages use (PurgeCSS, `make css`),
and the committed file is what the tool makes from today's templates."""

import os
import shutil
import subprocess
from pathlib import Path

import oscar
import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
USED_CSS = ROOT / "static" / "css" / "oscar-used.css"
OSCAR = Path(oscar.__file__).parent


def purge() -> str:
    """What `make css` would write now."""
    node = shutil.which("node")
    assert node, "Node.js is needed to build the site's CSS (apt-get install nodejs npm)"
    assert (ROOT / "node_modules" / "purgecss").is_dir(), "PurgeCSS is missing: run `npm ci`"
    result = subprocess.run(
        [node, ".ci/purge_css.mjs", str(OSCAR), "-"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "NODE_NO_WARNINGS": "1"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def fresh_css() -> str:
    return purge()


def test_committed_css_is_what_the_templates_need_today(fresh_css):
    assert fresh_css == USED_CSS.read_text(), (
        "static/css/oscar-used.css is stale (a template, a script or Oscar changed): "
        "run `make css` and commit the result"
    )


def test_the_used_css_is_a_fraction_of_oscars(fresh_css):
    whole = (OSCAR / "static" / "oscar" / "css" / "styles.css").stat().st_size
    assert len(fresh_css.encode()) < whole / 3


def _rule(css: str, selector: str) -> bool:
    return f"\n{selector} {{" in css or f"\n{selector}," in css


def test_rules_our_pages_use_stay_and_oscars_replaced_chrome_goes(fresh_css):
    # Grid, buttons and forms of our templates; Oscar's basket and checkout markup.
    for selector in (".container", ".row", ".btn-primary", ".form-control", ".table"):
        assert _rule(fresh_css, selector), selector
    # Set only at run time (Bootstrap's JavaScript, Django message levels): safelisted.
    for selector in (".dropdown-menu.show", ".carousel-item-next", ".alert-danger", ".errorlist"):
        assert _rule(fresh_css, selector), selector
    # Oscar's dark menu bar and its mini basket dropdown are replaced by the site header.
    for selector in (".navbar-dark", ".navbar-expand-lg", ".dropdown-toggle-split"):
        assert not _rule(fresh_css, selector), selector
    # Oscar's source map describes the whole file; none is shipped next to ours.
    assert "sourceMappingURL" not in fresh_css


def test_font_urls_point_at_oscars_fonts_from_where_the_file_is_served(fresh_css):
    assert 'url("../oscar/webfonts/fa-solid-900.woff2")' in fresh_css
    assert (ROOT / "static" / "css" / "../oscar").resolve() == ROOT / "static" / "oscar"
    assert (OSCAR / "static" / "oscar" / "webfonts" / "fa-solid-900.woff2").is_file()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/en/",
        reverse("catalogue:index"),
        reverse("basket:summary"),
        reverse("checkout:index"),
        reverse("customer:login"),
    ],
)
def test_shopper_pages_load_the_used_css_instead_of_oscars(client, site_tree, product, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "css/oscar-used.css" in html
    assert "oscar/css/styles.css" not in html


@pytest.mark.django_db
def test_oscars_dashboard_keeps_its_own_css(admin_client):
    html = admin_client.get(reverse("dashboard:index")).content.decode()
    assert "oscar/css/dashboard.css" in html
    assert "css/oscar-used.css" not in html
