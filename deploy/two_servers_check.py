"""The checks of deploy/two_servers.sh, as a shopper, a producer and staff would act.

Run by that script with its environment (TWO_PROXY, TWO_APP_A, TWO_APP_B, the
production settings' variables); each argument is one step, and any failure
exits non-zero with the reason. Reads and writes the shop only through HTTP,
except where a step sets up or counts in the database through the shop's own
services (`manage.py shell`, the production settings).
"""

import io
import json
import os
import re
import ssl
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html import unescape
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCER = ("gom-phu-lang@ocop.local", "ocop-producer-dev", "htx-gom-phu-lang")
ADMIN = ("admin@ocop.local", "ocop-admin-dev")
SHOPPERS = 20
UNITS = 5


class Failed(Exception):
    """A check of the two-server deployment did not hold; the script exits 1 with it."""


def check(condition, message: str) -> None:
    if not condition:
        raise Failed(message)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies, CSRF tokens and TLS as a browser; `server` picks nginx or one app server.

    Requests sent straight to an app server carry `X-Forwarded-Proto: https`,
    as nginx adds it, so that server sees the same site as through the proxy.
    """

    def __init__(self):
        self.cookies: dict[str, str] = {}
        context = ssl.create_default_context(cafile=os.environ["TWO_TLS_CERT"])
        self.opener = urllib.request.build_opener(
            NoRedirect, urllib.request.HTTPSHandler(context=context)
        )

    def request(self, server: str, path: str, *, data=None, files=None, headers=None):
        base = os.environ[server]
        all_headers = {"Accept-Language": "vi", **(headers or {})}
        if not base.startswith("https"):
            all_headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
            all_headers["Referer"] = f"https://{urllib.parse.urlsplit(base).netloc}{path}"
            if files:
                body, content_type = multipart(data, files)
                all_headers["Content-Type"] = content_type
            else:
                body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(base + path, data=body, headers=all_headers)  # noqa: S310
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, content

    def sign_in(self, server: str, email: str, password: str) -> None:
        self.request(server, "/shop/accounts/login/")
        status, _, body = self.request(
            server,
            "/shop/accounts/login/",
            data={"login-username": email, "login-password": password, "login_submit": "1"},
        )
        check(status == 302, f"signing in {email} on {server}: {status} {body[-500:]!r}")


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(f"{value}\r\n".encode())
    for name, (filename, content, content_type) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def anonymous_get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (127.0.0.1)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def shell(code: str) -> dict:
    """Run code with the shop's production settings; it prints one JSON line."""
    result = subprocess.run(  # noqa: S603 (our own code, our interpreter)
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    check(result.returncode == 0, f"manage.py shell failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def s3_client():
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=os.environ["MEDIA_S3_ENDPOINT_URL"],
        region_name=os.environ["MEDIA_S3_REGION"],
        aws_access_key_id=os.environ["MEDIA_S3_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["MEDIA_S3_SECRET_ACCESS_KEY"],
    )


# --- the steps --------------------------------------------------------------------


def buckets() -> None:
    """The public bucket (anyone may GET an object, nobody may list) and the private one."""
    client = s3_client()
    public, private = os.environ["MEDIA_S3_BUCKET"], os.environ["PRIVATE_MEDIA_S3_BUCKET"]
    client.create_bucket(Bucket=public)
    client.create_bucket(Bucket=private)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{public}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=public, Policy=json.dumps(policy))


def sessions() -> None:
    """Signed in through A, still signed in on B: the session is in Redis, not in A."""
    email, password, slug = PRODUCER
    producer = Browser()
    check(producer.request("TWO_APP_B", "/shop/portal/")[0] == 302, "portal open before sign-in")
    producer.sign_in("TWO_APP_A", email, password)
    status, _, body = producer.request("TWO_APP_B", "/shop/portal/")
    check(status in (200, 302), f"portal on B: {status}")
    status, _, body = producer.request("TWO_APP_B", f"/shop/portal/{slug}/")
    check(status == 200, f"server B does not know the session made on A ({status})")
    check("HTX Gốm Phù Lãng".encode() in body, "server B shows another producer's portal")

    import redis

    key = (
        f"{os.environ['CACHE_KEY_PREFIX']}:1:django.contrib.sessions.cached_db"
        f"{producer.cookies['sessionid']}"
    )
    check(redis.Redis.from_url(os.environ["REDIS_URL"]).exists(key), "session not in Redis")
    print("  1. signed in through server A, signed in on server B; the session is in Redis")


def media() -> None:
    """A picture uploaded through A: private on B through the view, public once approved."""
    from PIL import Image

    email, password, slug = PRODUCER
    producer = Browser()
    producer.sign_in("TWO_APP_A", email, password)
    picture = io.BytesIO()
    Image.new("RGB", (320, 240), (160, 80, 40)).save(picture, "JPEG", quality=85)
    title = f"Bình gốm hai máy chủ {uuid.uuid4().hex[:6]}"
    producer.request("TWO_APP_A", f"/shop/portal/{slug}/products/new/")
    status, _, body = producer.request(
        "TWO_APP_A",
        f"/shop/portal/{slug}/products/new/",
        data={"title_vi": title, "title_en": "Two-server vase"},
        files={"image": ("binh-gom.jpg", picture.getvalue(), "image/jpeg")},
    )
    check(status == 302, f"portal upload on A: {status} {body[-800:]!r}")

    staff = Browser()
    staff.sign_in("TWO_APP_B", *ADMIN)
    status, _, body = staff.request("TWO_APP_B", "/shop/dashboard/ocop/submissions/")
    check(status == 200, f"submission list on B: {status}")
    pks = [int(pk) for pk in re.findall(rb"/shop/dashboard/ocop/submissions/(\d+)/", body)]
    check(pks, "the submission made on A is not listed on B")
    submission = max(pks)

    # The private copy: the producer reads it through B, nobody reads it from the bucket.
    status, headers, private_bytes = producer.request(
        "TWO_APP_B", f"/shop/files/submission/{submission}/"
    )
    check(status == 200, f"download on B of the file uploaded on A: {status}")
    check(headers["Content-Disposition"].startswith("attachment"), "not an attachment")
    with Image.open(io.BytesIO(private_bytes)) as image:
        check(image.size == (320, 240), f"downloaded picture is {image.size}")
    stranger = Browser()
    stranger.sign_in("TWO_APP_A", "dong-dai-bai@ocop.local", "ocop-producer-dev")
    status = stranger.request("TWO_APP_A", f"/shop/files/submission/{submission}/")[0]
    check(status in (403, 404), f"another producer may download it ({status})")
    private_bucket = os.environ["PRIVATE_MEDIA_S3_BUCKET"]
    keys = [o["Key"] for o in s3_client().list_objects_v2(Bucket=private_bucket)["Contents"]]
    for key in keys:
        status, _ = anonymous_get(f"{os.environ['MEDIA_S3_ENDPOINT_URL']}/{private_bucket}/{key}")
        check(status == 403, f"private object {key} readable without keys ({status})")

    # Approved on B; the product page on A links the picture in the public bucket.
    staff.request("TWO_APP_B", f"/shop/dashboard/ocop/submissions/{submission}/")
    status, headers, _ = staff.request(
        "TWO_APP_B",
        f"/shop/dashboard/ocop/submissions/{submission}/review/",
        data={"decision": "approve", "note": ""},
    )
    check(status == 302, f"approval on B: {status}")
    found = shell(
        "import json; from catalogue.models import ProductSubmission; "
        f"s = ProductSubmission.objects.get(pk={submission}); "
        "print(json.dumps({'url': s.product.get_absolute_url()}))"
    )
    status, _, page = Browser().request("TWO_APP_A", found["url"])
    check(status == 200, f"product page on A: {status}")
    bucket_url = f"{os.environ['MEDIA_S3_ENDPOINT_URL']}/{os.environ['MEDIA_S3_BUCKET']}/"
    sources = [unescape(s) for s in re.findall(r'<img[^>]+src="([^"]+)"', page.decode())]
    pictures = [s for s in sources if s.startswith(bucket_url)]
    check(pictures, f"no picture from the bucket on the product page: {sources}")
    status, content = anonymous_get(pictures[0])
    check(status == 200 and content[:2] == b"\xff\xd8", f"public picture: {status}")
    print(
        f"  2. picture uploaded through A ({len(private_bytes)} bytes) read through B, "
        f"refused to another producer and to anonymous S3 requests; approved on B, "
        f"served from the public bucket on A's page"
    )


RACE_SETUP = """
import json
from django.db.models import Max
from oscar.core.loading import get_model
from catalogue.models import Product
from storefront.partner import services
from storefront.partner.models import Partner, StockMovement, StockRecord
record = (
    StockRecord.objects.filter(
        partner__is_pickup_point=True, product__in=Product.objects.browsable(),
        product__structure="standalone",
    ).select_related("product", "partner").order_by("pk").first()
)
services.change_stock(
    stockrecord=record, reason="stock_take", user=None,
    new_quantity=(record.num_allocated or 0) + %(units)d, note="two-server race",
)
record.refresh_from_db()
print(json.dumps({
    "record": record.pk, "product": record.product_id, "store": record.partner.slug,
    "url": record.product.get_absolute_url(),
    "in_stock": record.num_in_stock, "allocated": record.num_allocated or 0,
    "last_movement": StockMovement.objects.aggregate(m=Max("pk"))["m"] or 0,
    "last_order": get_model("order", "Order").objects.aggregate(m=Max("pk"))["m"] or 0,
}))
"""

RACE_COUNT = """
import json
from oscar.core.loading import get_model
from storefront.partner.models import StockMovement, StockRecord
Order = get_model("order", "Order")
record = StockRecord.objects.get(pk=%(record)d)
orders = list(Order.objects.filter(pk__gt=%(last_order)d, lines__product_id=%(product)d)
              .values_list("number", flat=True))
movements = list(StockMovement.objects.filter(pk__gt=%(last_movement)d, stockrecord=record)
                 .values("reason", "order_number", "in_stock_after", "allocated_after"))
print(json.dumps({"orders": orders, "movements": movements,
                  "in_stock": record.num_in_stock, "allocated": record.num_allocated or 0}))
"""


def race() -> None:
    """20 shoppers for the last 5 units; each places through A or B, all at once."""
    start = shell(RACE_SETUP % {"units": UNITS})
    check(start["in_stock"] - start["allocated"] == UNITS, f"setup left {start}")

    def to_preview(index: int):
        shopper = Browser()
        # Every step through nginx: consecutive requests land on either server.
        status, _, page = shopper.request("TWO_PROXY", start["url"])
        check(status == 200, f"shopper {index}: product page {status}")
        status, _, _ = shopper.request(
            "TWO_PROXY", f"/shop/basket/add/{start['product']}/", data={"quantity": "1"}
        )
        check(status == 302, f"shopper {index}: add to basket {status}")
        status, _, _ = shopper.request(
            "TWO_PROXY",
            "/shop/checkout/",
            data={"username": f"shopper{index}@example.vn", "options": "anonymous"},
        )
        check(status == 302, f"shopper {index}: checkout {status}")
        status, _, _ = shopper.request(
            "TWO_PROXY", "/shop/checkout/fulfilment/", data={"choice": f"pickup:{start['store']}"}
        )
        check(status == 302, f"shopper {index}: pickup store {status}")
        status, _, _ = shopper.request(
            "TWO_PROXY", "/shop/checkout/payment-method/", data={"method": "pickup"}
        )
        check(status == 302, f"shopper {index}: payment method {status}")
        status, _, page = shopper.request("TWO_PROXY", "/shop/checkout/preview/")
        check(status == 200, f"shopper {index}: preview {status}")
        basket = re.search(rb'name="basket_id" value="(\d+)"', page)
        check(basket, f"shopper {index}: no basket on the preview")
        return shopper, basket.group(1).decode()

    shoppers = [to_preview(i) for i in range(SHOPPERS)]
    barrier = threading.Barrier(SHOPPERS)
    results: list = [None] * SHOPPERS

    def place(index: int) -> None:
        shopper, basket_id = shoppers[index]
        server = "TWO_APP_A" if index % 2 == 0 else "TWO_APP_B"
        try:
            barrier.wait()
            status, headers, body = shopper.request(
                server,
                "/shop/checkout/preview/",
                data={"action": "place_order", "basket_id": basket_id},
            )
            location = headers.get("Location", "")
            if status == 302 and location.endswith("/shop/checkout/thank-you/"):
                results[index] = "placed"
            elif status == 200 and "hết hàng".encode() in body:
                # Lost the race under the stock row lock: the preview says so.
                results[index] = "sold out"
            elif status == 302 and location.endswith("/shop/checkout/fulfilment/"):
                # Arrived after the shelf emptied: the checkout's early look
                # sends the shopper back to choose another store, and says why.
                _, _, page = shopper.request(server, "/shop/checkout/fulfilment/")
                gone = "Cửa hàng bạn chọn không còn đủ các sản phẩm".encode()
                results[index] = "sold out" if gone in page else "no message"
            else:
                results[index] = f"{status} {location}"
        except Exception as error:  # any other answer fails the check below
            results[index] = repr(error)

    threads = [threading.Thread(target=place, args=(i,)) for i in range(SHOPPERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    placed = [i for i, r in enumerate(results) if r == "placed"]
    check(results.count("placed") == UNITS, f"{results.count('placed')} orders placed: {results}")
    check(results.count("sold out") == SHOPPERS - UNITS, f"unexpected answers: {results}")
    end = shell(RACE_COUNT % start)
    check(len(end["orders"]) == UNITS, f"{len(end['orders'])} orders in the database")
    check(end["in_stock"] - end["allocated"] == 0, f"free units left: {end}")
    check(end["allocated"] == start["allocated"] + UNITS, f"reserved: {end}")
    reservations = [m for m in end["movements"] if m["reason"] == "allocated"]
    check(
        sorted(m["order_number"] for m in reservations) == sorted(end["orders"]),
        f"reservations without one movement each: {reservations} for {end['orders']}",
    )
    check(
        all(m["in_stock_after"] >= m["allocated_after"] >= 0 for m in end["movements"]),
        f"a movement went negative: {end['movements']}",
    )
    through = {"A": sum(1 for i in placed if i % 2 == 0), "B": sum(1 for i in placed if i % 2)}
    print(
        f"  3. {SHOPPERS} shoppers, {UNITS} units: {UNITS} orders (through A: {through['A']}, "
        f"B: {through['B']}), {SHOPPERS - UNITS} told the store has no more, 0 units free, "
        f"{len(reservations)} reservation movements"
    )


def static() -> None:
    """nginx serves collected static files pre-compressed, cached for good."""
    root = Path(os.environ["DJANGO_STATIC_ROOT"])
    hashed = json.loads((root / "staticfiles.json").read_text())["paths"]["css/ocop.css"]
    check((root / f"{hashed}.gz").is_file(), "collectstatic wrote no .gz")
    check((root / f"{hashed}.br").is_file(), "collectstatic wrote no .br (brotli)")
    browser = Browser()
    status, headers, body = browser.request(
        "TWO_PROXY", f"/static/{hashed}", headers={"Accept-Encoding": "gzip"}
    )
    check(status == 200, f"static through nginx: {status}")
    check(headers.get("Content-Encoding") == "gzip", f"not gzip: {dict(headers)}")
    check("immutable" in headers.get("Cache-Control", ""), f"not cached: {dict(headers)}")
    check(body == (root / f"{hashed}.gz").read_bytes(), "not the collected .gz")
    status, _, _ = Browser().request("TWO_PROXY_HTTP", "/shop/catalogue/")
    check(status == 301, f"plain HTTP not redirected to HTTPS: {status}")
    print("  static: css served by nginx as the collected .gz, immutable; HTTP → HTTPS")


def warm() -> None:
    """One listing through each server first: its thumbnails are made (into the
    bucket) on the first view, which is not what the load should measure."""
    for server in ("TWO_APP_A", "TWO_APP_B"):
        status, _, _ = Browser().request(server, "/shop/catalogue/")
        check(status == 200, f"listing on {server}: {status}")


def load(wrk_output: str, served_a: str, served_b: str) -> None:
    text = Path(wrk_output).read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    check(rps > 0, f"wrk completed no request:\n{text}")
    check("Non-2xx or 3xx responses" not in text, "wrk saw error responses")
    check("Socket errors" not in text, "wrk saw socket errors")
    check(int(served_a) > 0 and int(served_b) > 0, f"one server idle: A {served_a}, B {served_b}")
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, flags=re.M))
    print(
        f"  4. wrk through nginx: {rps:.1f} req/s, latency p50 {latency.get('50')} "
        f"p99 {latency.get('99')}; requests served by A {served_a}, by B {served_b}"
    )


STEPS = {
    "buckets": buckets,
    "sessions": sessions,
    "media": media,
    "race": race,
    "static": static,
    "warm": warm,
}

if __name__ == "__main__":
    try:
        if sys.argv[1] == "load":
            load(*sys.argv[2:5])
        else:
            for step in sys.argv[1:]:
                STEPS[step]()
    except Failed as failure:
        print(f"two-servers: check failed: {failure}", file=sys.stderr)
        sys.exit(1)
