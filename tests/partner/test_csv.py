"""CSV export and all-or-nothing import of a store's stock."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from storefront.partner import services, stock_csv
from storefront.partner.models import StockMovement, StockRecord
from tests.partner.conftest import stocked_product


def upload(text: str, *, bom: bool = False, name="stock.csv") -> SimpleUploadedFile:
    data = text.encode("utf-8")
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + data, "text/csv")


def quantities(*records) -> list[int]:
    return [StockRecord.objects.get(pk=r.pk).num_in_stock for r in records]


def test_export_escapes_cells_a_spreadsheet_would_run(store_a):
    stocked_product('=HYPERLINK("http://x")', "+CODE", (store_a, 1))
    stocked_product("@SUM(A1)", "-CODE", (store_a, 1))
    stocked_product("\tTab", "\rCR", (store_a, 1))
    text = stock_csv.export_stock(store_a, StockRecord.objects.filter(partner=store_a))
    cells = [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]
    assert '\'=HYPERLINK("http://x")' in cells and "'+CODE" in cells
    assert "'@SUM(A1)" in cells and "'-CODE" in cells
    assert "'\tTab" in cells and "'\rCR" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r", "\n")]


def test_vietnamese_names_round_trip_and_export_reimports_unchanged(nem, store_a, manager_a):
    _, at_a, _ = nem
    stocked_product("Tranh Đông Hồ — Đám cưới chuột", "OCOP-DH", (store_a, 4))
    text = stock_csv.export_stock(store_a, StockRecord.objects.filter(partner=store_a))
    assert text.startswith("\ufeff") and "Tranh Đông Hồ — Đám cưới chuột" in text
    result = stock_csv.read_stock_file(store_a, upload(text.lstrip("\ufeff"), bom=True))
    assert result.ok, result.errors
    services.apply_stock_changes(store=store_a, changes=result.changes, user=manager_a)
    assert quantities(at_a) == [10]


@pytest.mark.parametrize("bom", [True, False], ids=["with BOM", "without BOM"])
def test_import_quantity_and_adjustment_rows(nem, store_a, manager_a, bom):
    _, at_a, _ = nem
    _, (other,) = stocked_product("Gốm Phù Lãng", "OCOP-GOM", (store_a, 5))
    text = (
        "product_code,quantity,adjustment,reason,note\n"
        "OCOP-NEM,,+6,received,xe hàng sáng\n"
        "OCOP-GOM,2,,stock_take,kiểm kê\n"
    )
    result = stock_csv.read_stock_file(store_a, upload(text, bom=bom))
    assert result.ok, result.errors
    services.apply_stock_changes(store=store_a, changes=result.changes, user=manager_a)
    assert quantities(at_a, other) == [16, 2]
    movement = StockMovement.objects.filter(stockrecord=other).first()
    assert (movement.reason, movement.note, movement.user) == ("stock_take", "kiểm kê", manager_a)


def errors_of(store, text):
    result = stock_csv.read_stock_file(store, upload(text))
    return [(e.row, e.column) for e in result.errors], [str(e) for e in result.errors]


def test_each_bad_row_is_named_with_its_column_and_reason(nem, store_a, store_b):
    stocked_product("Chỉ ở Gia Bình", "OCOP-GB", (store_b, 5))
    places, messages = errors_of(
        store_a,
        "product_code,adjustment,reason,store\n"
        "NO-SUCH,1,received,\n"  # row 2
        "OCOP-GB,1,received,\n"  # row 3: another store's product
        "OCOP-NEM,-11,damaged,\n"  # row 4: negative result
        "OCOP-NEM,1.5,received,\n"  # row 5: not whole
        "OCOP-NEM,abc,received,\n"  # row 6
        "OCOP-NEM,1,received,ocop-gia-binh\n"  # row 7: another store's row
        "OCOP-NEM,1,bought,\n",  # row 8: unknown reason
    )
    assert places == [
        (2, "product_code"),
        (3, "product_code"),
        (4, "adjustment"),
        (5, "adjustment"),
        (6, "adjustment"),
        (7, "store"),
        (8, "reason"),
    ]
    assert "Không có sản phẩm" in messages[0]  # "Unknown product", in Vietnamese
    assert "cửa hàng khác" in messages[1] and "cửa hàng khác" in messages[5]
    assert "bị âm" in messages[2]  # negative
    assert "số nguyên" in messages[3]  # not a whole number


def test_a_1000_row_file_with_one_bad_row_applies_nothing_and_names_the_row(store_a, manager_a):
    records = [stocked_product(f"Sản phẩm {n}", f"P{n:04d}", (store_a, 1))[1][0] for n in range(50)]
    lines = ["product_code,adjustment,reason"]
    for n in range(1000):
        lines.append(f"P{n % 50:04d},1,received")
    lines[701] = "P0001,x,received"  # row 702 as a spreadsheet numbers it
    result = stock_csv.read_stock_file(store_a, upload("\n".join(lines)))
    assert [(e.row, e.column) for e in result.errors] == [(702, "adjustment")]
    assert quantities(*records) == [1] * 50
    assert StockMovement.objects.filter(reason="received").count() == 0


def test_too_large_or_too_long_files_are_refused_before_parsing(store_a):
    big = upload("product_code,quantity,reason\n" + "X" * (2 * 1024 * 1024))
    assert "2 MB" in str(stock_csv.read_stock_file(store_a, big).errors[0])
    long = upload("product_code,quantity,reason\n" + "X,1,received\n" * 5001)
    assert "5000" in str(stock_csv.read_stock_file(store_a, long).errors[0])
    just_fits = upload("product_code,quantity,reason\n" + "X,1,received\n" * 5000)
    assert "5000" not in str(stock_csv.read_stock_file(store_a, just_fits).errors[0])


def test_a_concurrent_sale_between_check_and_apply_fails_the_whole_import(nem, store_a, manager_a):
    _, at_a, _ = nem
    result = stock_csv.read_stock_file(
        store_a, upload("product_code,quantity,reason\nOCOP-NEM,2,stock_take\n")
    )
    services.allocate_stock(stockrecord=at_a, quantity=5)
    with pytest.raises(services.StockError, match="Dòng 2"):
        services.apply_stock_changes(store=store_a, changes=result.changes, user=manager_a)
    assert quantities(at_a) == [10]


def test_an_adjustment_is_added_under_the_lock_so_a_sale_meanwhile_is_kept(nem, store_a, manager_a):
    """+10 uploaded while 3 were sold over the counter: 10 − 3 + 10, not 10 + 10."""
    _, at_a, _ = nem
    result = stock_csv.read_stock_file(
        store_a, upload("product_code,adjustment,reason\nOCOP-NEM,+10,received\n")
    )
    services.change_stock(
        stockrecord=at_a, reason=StockMovement.Reason.SOLD_IN_STORE, user=manager_a, delta=3
    )
    services.apply_stock_changes(store=store_a, changes=result.changes, user=manager_a)
    assert quantities(at_a) == [17]
    received = StockMovement.objects.get(stockrecord=at_a, reason="received")
    assert (received.in_stock_before, received.in_stock_after) == (7, 17)


@pytest.mark.parametrize("column", ["quantity", "adjustment"])
@pytest.mark.parametrize("value", ["1000000000000", "-99999999999999999999", "1000001"])
def test_a_huge_number_is_a_row_error_not_an_overflow(nem, store_a, column, value):
    _, at_a, _ = nem
    result = stock_csv.read_stock_file(
        store_a, upload(f"product_code,{column},reason\nOCOP-NEM,{value},stock_take\n")
    )
    [error] = result.errors
    assert (error.row, error.column) == (2, column)
    assert "1.000.000" in error.message
    assert quantities(at_a) == [10]
