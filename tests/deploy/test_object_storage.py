"""Uploads in S3-compatible object storage, against a real S3-protocol server (moto's).

The production settings with MEDIA_S3_* and PRIVATE_MEDIA_S3_BUCKET, in their own
processes: a producer's picture goes through the real submission path (private
bucket), staff approval copies it to the public bucket, gunicorn links the
product's picture from the S3 server, and the private copy is readable only
through the permission-checked download view.
"""

import io
import json
import re
import urllib.error
import urllib.request
from html import unescape

import pytest
from PIL import Image

from catalogue.models import ProducerMembership
from tests.catalogue.conftest import make_producer
from tests.deploy.conftest import Browser, production_settings, run_in_production, sign_in, user
from tests.factories import create_product, verified_producer


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 120, 60)).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def anonymous_get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (127.0.0.1)
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


SUBMIT_AND_APPROVE = """
import json
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from catalogue import services
from catalogue.models import Producer, Product, ProductSubmission
from django.contrib.auth import get_user_model
User = get_user_model()
producer = Producer.objects.get(slug={producer!r})
member = User.objects.get(email="member@example.vn")
staff = User.objects.get(email="officer@example.vn")
product = Product.objects.get(upc="OCOP-S3")
submission = services.submit_product_change(
    producer=producer, user=member, product=product, title_vi="Gốm Phù Lãng men da lươn",
    image=ContentFile(open({picture!r}, "rb").read(), name="gom.jpg"),
)
private_name = submission.image.name
services.approve_submission(submission=submission, by=staff)
print(json.dumps({{
    "submission": submission.pk,
    "private_name": private_name,
    "private_backend": type(storages["private"]).__name__,
    "picture": product.images.get(display_order=0).original.name,
}}))
"""


@pytest.mark.django_db(transaction=True)
def test_pictures_are_public_in_the_bucket_and_private_files_only_through_the_view(
    s3_server, production_server, site_tree, tmp_path
):
    buckets = s3_server.buckets()
    producer = make_producer(name="HTX Gốm Phù Lãng", slug="htx-gom-phu-lang")
    product = create_product(title="Gốm Phù Lãng", upc="OCOP-S3", num_in_stock=3, producer=producer)
    member = user("member@example.vn")
    ProducerMembership.objects.create(producer=producer, user=member)
    stranger = user("other@example.vn")
    ProducerMembership.objects.create(producer=verified_producer(), user=stranger)
    user("officer@example.vn", is_staff=True)
    picture = tmp_path / "gom.jpg"
    picture.write_bytes(jpeg())

    # The producer's submission and the staff approval, as the portal and the
    # dashboard call them, in a process with the production settings.
    out = run_in_production(
        SUBMIT_AND_APPROVE.format(producer=producer.slug, picture=str(picture)), **buckets
    )
    stored = json.loads(out.strip().splitlines()[-1])
    assert stored["private_backend"] == "PrivateS3Storage"

    client = s3_server.client()
    private_keys = [
        o["Key"]
        for o in client.list_objects_v2(Bucket=buckets["PRIVATE_MEDIA_S3_BUCKET"])["Contents"]
    ]
    assert private_keys == [stored["private_name"]]
    public_keys = [
        o["Key"] for o in client.list_objects_v2(Bucket=buckets["MEDIA_S3_BUCKET"])["Contents"]
    ]
    assert stored["picture"] in public_keys
    assert stored["private_name"] not in public_keys

    # Anyone may fetch the public picture from the S3 server itself …
    endpoint = s3_server.endpoint
    status, content_type, body = anonymous_get(
        f"{endpoint}/{buckets['MEDIA_S3_BUCKET']}/{stored['picture']}"
    )
    assert (status, content_type) == (200, "image/jpeg")
    Image.open(io.BytesIO(body)).verify()
    # … nobody may fetch the private file from its bucket without the keys.
    status, _, body = anonymous_get(
        f"{endpoint}/{buckets['PRIVATE_MEDIA_S3_BUCKET']}/{stored['private_name']}"
    )
    assert status == 403 and b"\xff\xd8" not in body
    private_bytes = client.get_object(
        Bucket=buckets["PRIVATE_MEDIA_S3_BUCKET"], Key=stored["private_name"]
    )["Body"].read()

    with production_server(**buckets) as (base_url, log):
        # The product page links its picture (a thumbnail made from the
        # bucket's original) on the S3 server, served from there.
        page = Browser(base_url).get(product.get_absolute_url())
        assert page.status == 200, log.read_text()[-3000:]
        sources = [unescape(s) for s in re.findall(r'<img[^>]+src="([^"]+)"', page.text)]
        in_bucket = [
            s for s in sources if s.startswith(f"{endpoint}/{buckets['MEDIA_S3_BUCKET']}/")
        ]
        assert in_bucket, sources
        assert not [s for s in sources if s.startswith("/media/")], sources
        src = in_bucket[0]
        status, content_type, body = anonymous_get(src)
        assert (status, content_type) == (200, "image/jpeg")
        Image.open(io.BytesIO(body)).verify()

        download = f"/shop/files/submission/{stored['submission']}/"
        assert Browser(base_url).get(download).status == 302  # to the login page

        owner = Browser(base_url)
        sign_in(owner, "member@example.vn")
        answer = owner.get(download)
        assert answer.status == 200, log.read_text()[-3000:]
        assert answer.content == private_bytes
        assert answer.headers["Content-Disposition"].startswith("attachment")
        assert answer.headers["Cache-Control"] == "private, no-store"

        other = Browser(base_url)
        sign_in(other, "other@example.vn")
        refused = other.get(download)
        assert refused.status == 404
        assert private_bytes not in refused.content

        assert "Internal Server Error" not in log.read_text()


def test_production_puts_private_files_in_their_own_bucket_and_public_ones_in_theirs():
    values = production_settings(
        ["STORAGES", "MEDIA_URL", "MEDIA_SERVE"],
        MEDIA_S3_BUCKET="ocop-media",
        PRIVATE_MEDIA_S3_BUCKET="ocop-private",
        MEDIA_S3_ENDPOINT_URL="https://s3.example.vn",
    )
    default, private = values["STORAGES"]["default"], values["STORAGES"]["private"]
    assert default["OPTIONS"]["bucket_name"] == "ocop-media"
    assert default["OPTIONS"]["querystring_auth"] is False
    assert private["BACKEND"] == "catalogue.object_storage.PrivateS3Storage"
    assert private["OPTIONS"]["bucket_name"] == "ocop-private"
    assert "querystring_auth" not in private["OPTIONS"]  # signed, should anything ask
    assert values["MEDIA_URL"] == "https://s3.example.vn/ocop-media/"
    assert values["MEDIA_SERVE"] is False


@pytest.mark.parametrize(
    ("public_location", "private_location"),
    [("", ""), ("public", ""), ("", "private"), ("media", "media"), ("media", "media/private")],
)
def test_a_private_folder_the_public_policy_could_cover_is_refused(
    public_location, private_location
):
    import subprocess
    import sys

    from tests.deploy.conftest import ROOT, production_env

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=production_env(
            DATABASE_URL="postgres://unused:unused@127.0.0.1:5432/unused",
            MEDIA_S3_BUCKET="ocop-media",
            PRIVATE_MEDIA_S3_BUCKET="ocop-media",
            MEDIA_S3_LOCATION=public_location,
            PRIVATE_MEDIA_S3_LOCATION=private_location,
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "PRIVATE_MEDIA_S3_LOCATION must both be set" in result.stderr


def test_one_bucket_with_separate_folders_is_accepted():
    values = production_settings(
        ["STORAGES"],
        MEDIA_S3_BUCKET="ocop",
        PRIVATE_MEDIA_S3_BUCKET="ocop",
        MEDIA_S3_LOCATION="public",
        PRIVATE_MEDIA_S3_LOCATION="private",
    )
    assert values["STORAGES"]["private"]["OPTIONS"]["location"] == "private"
    assert values["STORAGES"]["default"]["OPTIONS"]["location"] == "public"


def test_a_private_s3_file_has_no_url():
    from catalogue.object_storage import PrivateS3Storage

    with pytest.raises(ValueError, match="no URL"):
        PrivateS3Storage(bucket_name="ocop-private").url("evidence/2026/x.pdf")
