// The part of Oscar's styles.css (Bootstrap 4 + Oscar's own rules, ~283 KB)
// that the shop's pages use, written to static/css/oscar-used.css, which the
// site layout loads instead (#14, "only the CSS the shop uses"). Oscar's
// dashboard keeps its own dashboard.css and is not concerned.
//
//   node .ci/purge_css.mjs <oscar package directory> <output file, or - for stdout>
//
// `make css` runs it; tests/storefront/test_site_css.py runs it again and
// fails when the committed file differs (a template, a script or Oscar changed).
//
// PurgeCSS keeps a rule when every class, id and element it names appears as a
// word somewhere in the content: our templates, the Oscar templates the shop
// renders, Django's form widget templates, the Python that writes classes into
// HTML, and the scripts that set classes. What only Bootstrap's own JavaScript adds at run time is named in
// SAFELIST below.

import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { PurgeCSS } from "purgecss";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Classes Bootstrap's JavaScript (oscar/js/bootstrap4/bootstrap.bundle.min.js)
// sets on the components Oscar's shopper templates use: dropdowns (address
// book, wish lists, saved addresses), the product gallery's carousel and
// dismissible alerts. Templates built like `alert-{{ tag }}`
// (oscar/partials/alert_messages.html, one per Django message level) are here
// too: the words never appear whole in a template. So is Django's list of a
// form's errors (django.forms.utils.ErrorList: class="errorlist"), and every id
// Django gives a form field from its name ("id_" + name: Oscar sizes the
// address form's #id_notes).
const SAFELIST = [
  /^id_/,
  "show",
  "carousel-item-next",
  "carousel-item-prev",
  "carousel-item-left",
  "carousel-item-right",
  "pointer-event",
  "alert-success",
  "alert-info",
  "alert-warning",
  "alert-danger",
  "errorlist",
];

// Oscar templates the shop never renders, though they sit among the ones it does:
// - the chrome of Oscar's layout.html (top bar, menu, mini basket, footer),
//   replaced by the site's header and footer (templates/oscar/layout.html
//   overrides the `layout` block);
// - Oscar's checkout chrome, replaced by templates/oscar/checkout/layout.html;
// - Oscar's error pages (the shop's handlers render templates/40x.html, 500.html);
// - analytics (templates/oscar/base.html has no tracking block content);
// - emails, which carry no site stylesheet.
const OSCAR_NOT_RENDERED = [
  "oscar/partials/nav_accounts.html",
  "oscar/partials/nav_primary.html",
  "oscar/partials/mini_basket.html",
  "oscar/partials/footer.html",
  "oscar/partials/nav_checkout.html",
  "oscar/partials/footer_checkout.html",
  "oscar/partials/google_analytics.html",
  "oscar/partials/google_analytics_transaction.html",
  "oscar/403.html",
  "oscar/404.html",
  "oscar/500.html",
  "oscar/error.html",
];

// Python of Oscar's that writes class names into the pages it renders for shoppers.
const OSCAR_PYTHON = [
  "templatetags/reviews_tags.py", // star-rating One…Five
  "templatetags/sorting_tags.py",
  "apps/partner/availability.py", // availability instock / outofstock
  "apps/search/forms.py",
  "forms/widgets.py",
];

function files(directory, test) {
  return fs
    .readdirSync(directory, { recursive: true })
    .map((name) => path.join(directory, name))
    .filter((file) => test(file) && fs.statSync(file).isFile())
    .sort();
}

function relative(file, base) {
  return path.relative(base, file).split(path.sep).join("/");
}

// Ours: every template but Oscar's dashboard (its pages load dashboard.css) and
// emails; the Python that builds HTML; the scripts that set classes.
function ourContent() {
  const templates = files(path.join(ROOT, "templates"), (file) => {
    const name = relative(file, path.join(ROOT, "templates"));
    return name.endsWith(".html") && !/(^|\/)(dashboard|emails)\//.test(name);
  });
  const python = ["storefront", "catalogue", "cms"].flatMap((app) =>
    files(
      path.join(ROOT, app),
      (file) => file.endsWith(".py") && !file.includes(`${path.sep}migrations${path.sep}`),
    ),
  );
  const scripts = files(path.join(ROOT, "static", "js"), (file) => file.endsWith(".js"));
  return [...templates, ...python, ...scripts];
}

// A template of ours at Oscar's path that does not extend Oscar's original
// replaces it: Oscar's is then never rendered.
function replacedByOurs(name) {
  const ours = path.join(ROOT, "templates", name);
  if (!fs.existsSync(ours)) return false;
  return !fs.readFileSync(ours, "utf8").includes(`{% extends "${name}" %}`);
}

// Django's form widgets render the fields (<textarea>, <select>, radio lists,
// <input type="number">) of every form Oscar's and our templates show.
function djangoContent(oscar) {
  const forms = path.join(path.dirname(oscar), "django", "forms");
  if (!fs.existsSync(forms)) throw new Error(`Django's forms are not at ${forms}`);
  // widgets.py names the input types (number, date, file…) the templates fill in.
  const templates = files(path.join(forms, "templates"), (file) => file.endsWith(".html"));
  return [...templates, path.join(forms, "widgets.py")];
}

function oscarContent(oscar) {
  const templateRoot = path.join(oscar, "templates");
  const templates = files(path.join(templateRoot, "oscar"), (file) => {
    const name = relative(file, templateRoot);
    return (
      name.endsWith(".html") &&
      !/^oscar\/(dashboard|communication\/emails)\//.test(name) &&
      !OSCAR_NOT_RENDERED.includes(name) &&
      !replacedByOurs(name)
    );
  });
  const python = OSCAR_PYTHON.map((name) => path.join(oscar, name));
  const scripts = [path.join(oscar, "static", "oscar", "js", "oscar", "ui.js")];
  return [...templates, ...python, ...scripts];
}

// url(...) in Oscar's stylesheet is relative to where it is served, STATIC_URL
// + oscar/css/; ours is served from STATIC_URL + css/, so each is rebased.
function rebaseUrls(css, fromDirectory, toDirectory) {
  return css.replace(/url\((["']?)([^"')]+)\1\)/g, (whole, quote, target) => {
    if (/^(data:|https?:|\/|#)/.test(target)) return whole;
    const rebased = path.posix.relative(
      toDirectory,
      path.posix.join(fromDirectory, target),
    );
    return `url(${quote}${rebased}${quote})`;
  });
}

async function purge(oscar) {
  const source = path.join(oscar, "static", "oscar", "css", "styles.css");
  const [result] = await new PurgeCSS().purge({
    content: [...ourContent(), ...oscarContent(oscar), ...djangoContent(oscar)].map((file) => ({
      raw: fs.readFileSync(file, "utf8"),
      extension: path.extname(file).slice(1),
    })),
    css: [source],
    safelist: { standard: SAFELIST },
    // Font Awesome names its family through a custom property (--_fa-family), which
    // PurgeCSS cannot follow: its two @font-face rules stay (fetched only when an icon shows).
    fontFace: false,
    keyframes: true,
  });
  const css = rebaseUrls(result.css, "/static/oscar/css", "/static/css")
    // Oscar's source map describes the whole file, and is not shipped next to ours.
    .replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*/g, "")
    .trim();
  const header =
    "/* Generated by `make css` (.ci/purge_css.mjs) from django-oscar's static/oscar/css/styles.css:\n" +
    "   only the rules the shop's templates and scripts use. Do not edit; change the templates,\n" +
    "   or the tool's lists, and run `make css` again. */\n";
  return header + css + "\n";
}

const [oscar, output] = process.argv.slice(2);
if (!oscar || !output) {
  console.error("usage: node .ci/purge_css.mjs <oscar package directory> <output file | ->");
  process.exit(2);
}
const css = await purge(oscar);
if (output === "-") {
  process.stdout.write(css);
} else {
  fs.writeFileSync(output, css);
}
