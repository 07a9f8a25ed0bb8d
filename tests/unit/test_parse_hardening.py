"""Issue 9, parse side: bad exports never abort a batch, limits hold, odd encodings are read."""

from __future__ import annotations

import codecs
import gzip
import json
import tracemalloc
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta import iter_outcomes, parse
from warta.cli import cli
from warta.errors import DocumentTooLarge, InvalidRecord
from warta.model import Article, ReadAlso, article_id
from warta.parse import sources
from warta.parse.anatomy import clean_body
from warta.parse.rows import choose_delimiter

from ..conftest import FIXTURES


@pytest.mark.timeout(20)  # the quadratic lifting took 42 s on this paragraph; now well under 1 s
def test_inline_read_also_lifting_is_linear() -> None:
    runs = 5000
    paragraph = " ".join(
        f"Acara {i} berjalan lancar. Baca juga: Robot Pintar Nomor {i} Acara meresmikan gedung."
        for i in range(runs)
    )
    body = clean_body([paragraph])
    assert body.read_also == [ReadAlso(f"Robot Pintar Nomor {i}") for i in range(runs)]
    assert body.paragraphs == [
        " ".join(f"Acara {i} berjalan lancar. Acara meresmikan gedung." for i in range(runs))
    ]


@pytest.mark.timeout(20)
def test_many_unclosed_read_also_tags_are_linear() -> None:
    unclosed = "Awal. " + "[Baca juga: Judul " * 20_000 + "Lanjut cerita."
    body = clean_body([unclosed, "Kedua. [Baca juga: Judul Akhir] Lanjut."])
    assert body.read_also == [ReadAlso("Judul Akhir")]
    assert body.paragraphs == [unclosed, "Kedua. Lanjut."]


# --- helpers --------------------------------------------------------------------------------

ROW = {"judul": "Banjir Rendam Desa", "isi": "Banjir merendam tiga desa di Kabupaten Contoh.", "tanggal": "2023-11-07 08:15 WIB"}


def outcomes(*paths: Path, **kwargs) -> list[tuple[str, str, str]]:
    """(source name, "ok"/code, title/reason) per outcome, with the folder stripped."""
    out = []
    folder = paths[0] if paths[0].is_dir() else paths[0].parent
    for o in iter_outcomes([str(p) for p in paths], **kwargs):
        name = Path(o.source).name
        if o.failure:
            out.append((name, o.failure.code, o.failure.reason.replace(str(folder) + "/", "")))
        else:
            assert o.article is not None
            out.append((name, "ok", o.article.title or ""))
    return out


def jsonl(*rows: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


# --- 12: records are validated; one bad row or file never aborts the batch -----------------

OWN = Article(title="Judul", paragraphs=["Isi berita."], url="https://contoh.id/a", outlet="contoh.id").to_dict()
ADVICE = "fix the field or re-create the record with `warta parse`"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"published": "garbage"}, "field 'published': expected an ISO 8601 date-time such as "
         f"'2022-01-22T11:39:00+07:00' or null, got 'garbage'; {ADVICE}"),
        ({"title": 5}, f"field 'title': expected a string or null, got 5; {ADVICE}"),
        ({"read_also": ["x"]}, f"field 'read_also[0]': expected an object, got 'x'; {ADVICE}"),
        ({"read_also": [{"url": None}]}, f"field 'read_also[0]': the required key 'title' is missing; {ADVICE}"),
        ({"authors": "Ani"}, f"field 'authors': expected a list of strings, got 'Ani'; {ADVICE}"),
        ({"paragraphs": ["a", 1]}, f"field 'paragraphs': expected a list of strings, got ['a', 1]; {ADVICE}"),
        ({"credits": {"agencies": [None]}}, f"field 'credits.agencies': expected a list of strings, got [None]; {ADVICE}"),
        ({"quotes": [{"text": "Kami siap."}]}, f"field 'quotes[0]': the required key 'kind' is missing; {ADVICE}"),
        ({"quotes": [{"text": "a", "kind": "direct", "start": "0"}]},
         f"field 'quotes[0].start': expected an integer, got '0'; {ADVICE}"),
        ({"entities": [{"name": "NATO", "label": "ORG", "mentions": [{"text": "NATO", "paragraph": 0, "start": 0}]}]},
         f"field 'entities[0].mentions[0]': the required key 'end' is missing; {ADVICE}"),
        ({"entities": [{"label": "ORG"}]}, f"field 'entities[0]': the required key 'name' is missing; {ADVICE}"),
        ({"amounts": [{"text": "x", "value": True}]}, f"field 'amounts[0].value': expected a finite number, got True; {ADVICE}"),
        ({"amounts": [{"text": "x", "value": float("nan")}]}, f"field 'amounts[0].value': expected a finite number, got nan; {ADVICE}"),
        ({"dates": [{"value": "2020"}]}, f"field 'dates[0]': the required key 'text' is missing; {ADVICE}"),
        ({"id": "../../etc/passwd"}, "field 'id': expected warta's id (16 lower-case hex digits) or an empty "
         f"string, got '../../etc/passwd'; {ADVICE}"),
        ({"id": 7}, f"field 'id': expected warta's id (16 lower-case hex digits) or an empty string, got 7; {ADVICE}"),
    ],
)
def test_article_from_dict_checks_every_field(change: dict, message: str) -> None:
    with pytest.raises(InvalidRecord) as caught:
        Article.from_dict({**OWN, **change})
    assert str(caught.value) == message


def test_article_from_dict_refuses_what_is_not_an_object() -> None:
    with pytest.raises(InvalidRecord, match=r"^the record is not a JSON object but \[1, 2\]; fix the field"):
        Article.from_dict([1, 2])  # type: ignore[arg-type]


def test_own_records_cannot_choose_their_id(tmp_path: Path) -> None:
    victim = Article(title="Korban", paragraphs=["Asli."], url="https://contoh.id/korban", outlet="contoh.id")
    forged = {**OWN, "id": victim.id}  # a valid-looking id: another article's
    path = tmp_path / "own.jsonl"
    path.write_text(jsonl(OWN, forged, {**OWN, "id": "../../etc/passwd"}))
    got = list(iter_outcomes([str(path)]))
    assert [o.article.id if o.article else o.failure.code for o in got] == [  # type: ignore[union-attr]
        OWN["id"], OWN["id"], "invalid_record"
    ]
    assert got[0].article.warnings == []  # type: ignore[union-attr]
    assert got[1].article.warnings == [  # type: ignore[union-attr]
        f"id '{victim.id}' is not the hash of this record's outlet and url (or its text); "
        f"recomputed as '{OWN['id']}' so it cannot overwrite another article"
    ]
    assert OWN["id"] == article_id("contoh.id", "https://contoh.id/a")
    assert got[2].failure.reason == (  # type: ignore[union-attr]
        f"{path}#3: field 'id': expected warta's id (16 lower-case hex digits) or an empty string, "
        f"got '../../etc/passwd'; {ADVICE}"
    )
    assert got[2].failure.raw == path.read_bytes().splitlines(keepends=True)[2]  # type: ignore[union-attr]


def test_indosum_token_lists_must_be_lists_of_lists_of_strings(tmp_path: Path) -> None:
    path = tmp_path / "indosum.jsonl"
    path.write_text(jsonl(
        {"paragraphs": [[["Harga", "cabai", "naik", "."]], [["Pedagang", "(", "pasar", ")", "mengeluh", "."]]]},
        {"paragraphs": [[["Harga", 5]]]},
        {"paragraphs": [[7]]},
        {"paragraphs": [{"x": 1}]},
        {"paragraphs": 12},
    ))
    got = outcomes(path)
    assert got[0] == ("indosum.jsonl#1", "ok", "")
    assert parse({"paragraphs": [[["Harga", "cabai", "naik", "."]], [["Pedagang", "(", "pasar", ")", "."]]]}).paragraphs == [
        "Harga cabai naik.", "Pedagang (pasar)."
    ]
    expected = "the body column 'paragraphs': expected text, or IndoSum paragraphs (lists of sentences, each a list of word strings)"
    assert got[1:] == [
        ("indosum.jsonl#2", "invalid_record", f"indosum.jsonl#2: {expected}, but item [0][0][1] is 5; fix or re-export the row"),
        ("indosum.jsonl#3", "invalid_record", f"indosum.jsonl#3: {expected}, but item [0][0] is 7; fix or re-export the row"),
        ("indosum.jsonl#4", "invalid_record", f"indosum.jsonl#4: {expected}, but item [0] is {{'x': 1}}; fix or re-export the row"),
        ("indosum.jsonl#5", "invalid_record", f"indosum.jsonl#5: {expected}, got 12; fix or re-export the row"),
    ]


def test_bad_json_rows_are_failures_and_the_rows_after_are_read(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(jsonl(
        ROW,
        '{"isi": ' + "9" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        '{"judul": "A", "isi": "a\\ud800b"}',
        '{"judul": "\\udfff", "isi": "b"}',
        "[1, 2]",
        "{nope}",
        ROW,
    ))
    assert outcomes(path) == [
        ("rows.jsonl#1", "ok", "Banjir Rendam Desa"),
        ("rows.jsonl#2", "document_error", "rows.jsonl#2: a number with more than 4,300 digits, which is not "
         "data warta can read; fix or re-export the row"),
        ("rows.jsonl#3", "document_error", "rows.jsonl#3: JSON nested too deeply to read (over about 1,000 "
         "levels); fix or re-export the row"),
        ("rows.jsonl#4", "invalid_record", "rows.jsonl#4: field 'isi' holds a lone surrogate (\\ud800 at "
         "character 1), half of a UTF-16 pair, which is not text; fix or re-export the row"),
        ("rows.jsonl#5", "invalid_record", "rows.jsonl#5: field 'judul' holds a lone surrogate (\\udfff at "
         "character 0), half of a UTF-16 pair, which is not text; fix or re-export the row"),
        ("rows.jsonl#6", "invalid_record", "rows.jsonl#6: a record must be a JSON object, got list; fix or re-export the row"),
        ("rows.jsonl#7", "document_error", "rows.jsonl#7: not valid JSON (Expecting property name enclosed in "
         "double quotes: line 1 column 2 (char 1)); fix or re-export the row"),
        ("rows.jsonl#8", "ok", "Banjir Rendam Desa"),
    ]


def test_lone_surrogate_in_text_given_to_parse_is_a_document_error() -> None:
    with pytest.raises(InvalidRecord) as caught:
        parse("Judul\n\nIsi \ud83d berita.")
    assert str(caught.value) == (
        "<document>: the text holds a lone surrogate (\\ud83d at character 11), half of a UTF-16 pair, "
        "which is not text; fix or re-export the row"
    )


def _rows(count: int) -> bytes:
    words = "banjir merendam desa warga mengungsi balai bantuan hujan deras sungai meluap pagi".split()
    return jsonl(*(
        {"judul": f"Berita {i}", "isi": " ".join(words[(i * 7 + j * 3) % len(words)] for j in range(60)) + "."}
        for i in range(count)
    )).encode()


def test_truncated_gzip_keeps_the_rows_before_and_the_batch_goes_on(tmp_path: Path) -> None:
    packed = gzip.compress(_rows(400), mtime=0)
    cut = tmp_path / "a_cut.jsonl.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    good = tmp_path / "b_good.jsonl"
    good.write_text(jsonl(ROW))
    got = outcomes(cut, good)
    read = [g for g in got if g[0].startswith("a_cut.jsonl.gz#")]
    assert len(read) > 50 and all(code == "ok" for _, code, _ in read)
    assert [g[2] for g in read] == [f"Berita {i}" for i in range(len(read))]
    assert got[len(read):] == [
        ("a_cut.jsonl.gz", "corrupt_file", f"a_cut.jsonl.gz: the gzip data ends before its end marker (a "
         f"truncated file) after {_consumed(cut):,} bytes (what came before was read); re-download or re-compress it"),
        ("b_good.jsonl", "ok", "Banjir Rendam Desa"),
    ]


def _consumed(path: Path) -> int:
    """How many bytes of a truncated gzip zlib can give (what warta read before the fault)."""
    return len(zlib.decompressobj(31).decompress(path.read_bytes()))


def test_corrupt_gzip_says_what_is_wrong(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(b"\x1f\x8b" + b"\x00" * 30)
    (tmp_path / "b.jsonl.gz").write_text(jsonl(ROW))  # not gzip at all: read as what it is
    flipped = bytearray(gzip.compress(jsonl(ROW).encode(), mtime=0))
    flipped[-6] ^= 0xFF  # the CRC
    (tmp_path / "c.jsonl.gz").write_bytes(bytes(flipped))
    size = len(jsonl(ROW).encode())
    assert outcomes(tmp_path) == [
        ("a.jsonl.gz", "corrupt_file", "a.jsonl.gz: corrupt gzip data (Unknown compression method); "
         "re-download or re-compress it"),
        ("b.jsonl.gz", "ok", "Banjir Rendam Desa"),
        ("c.jsonl.gz", "ok", "Banjir Rendam Desa"),
        ("c.jsonl.gz", "corrupt_file", "c.jsonl.gz: corrupt gzip data (CRC check failed 0xfb25af0f != "
         f"0xfbdaaf0f) after {size:,} bytes (what came before was read); re-download or re-compress it"),
    ]


# --- 15: limits hold while streaming; a slow document is stopped ---------------------------

MB = 1_000_000


def _peak(work) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _write_big_line(path: Path, head: bytes, size: int, tail: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(head)
        for _ in range(size // MB):
            handle.write(b"a" * MB)
        handle.write(tail)


@pytest.mark.timeout(60)
def test_gzip_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bom.jsonl.gz"
    member = gzip.compress(b" " * MB, mtime=0)  # gzip members concatenate: 1 GB inside 1 MB
    bomb.write_bytes(gzip.compress(jsonl(ROW).encode(), mtime=0) + member * 1000)
    page = tmp_path / "bom.txt.gz"
    page.write_bytes(gzip.compress(b"Judul\n\n" + b"isi " * 5 * MB, mtime=0))
    got, peak = _peak(lambda: outcomes(bomb, page))
    assert peak < 60 * MB  # the whole bomb would be 1 GB (2.1 GB before streaming)
    assert [g[:2] for g in got] == [
        ("bom.jsonl.gz", "ok"),  # the row before the bomb is kept
        ("bom.jsonl.gz", "document_too_large"), ("bom.txt.gz", "document_too_large"),
    ]
    assert got[1][2].startswith("bom.jsonl.gz: ")
    assert got[1][2].endswith(
        "over 100 times their size, which real files never do (a gzip bomb?); refused there; "
        "if it is genuine, decompress it and pass the plain file"
    )
    assert got[2][2].endswith("over 100 times their size, which real files never do (a gzip bomb?); "
                              "refused there; if it is genuine, decompress it and pass the plain file")


def test_gzip_page_over_the_limit_after_decompression(tmp_path: Path) -> None:
    import random

    # Text that compresses like text (about twice), not like a bomb.
    body = random.Random(3).randbytes(11 * MB).translate(bytes(b"abcdegiklmnoprstu  "[i % 19] for i in range(256)))
    page = tmp_path / "besar.txt.gz"
    page.write_bytes(gzip.compress(b"Judul\n\n" + body, mtime=0))
    assert outcomes(page) == [("besar.txt.gz", "document_too_large", "besar.txt.gz: more than 10 MB "
                               "(decompressed) is too large for one article; split it, or pass an export "
                               "file (.jsonl/.csv) for many articles")]


@pytest.mark.timeout(60)
def test_huge_rows_are_refused_without_reading_them_whole(tmp_path: Path) -> None:
    lines_file = tmp_path / "a.jsonl"
    _write_big_line(lines_file, jsonl(ROW).encode() + b'{"isi": "', 60 * MB, b'"}\n' + jsonl(ROW).encode())
    table = tmp_path / "b.csv"
    _write_big_line(table, b"judul,isi\nSatu,Isi satu.\nDua,", 30 * MB, b"\nTiga,Isi tiga.\n")
    array = tmp_path / "c.json"
    _write_big_line(array, b'[{"isi": "Isi satu."}, {"isi": "', 30 * MB, b'"}, {"isi": "Isi tiga."}]')
    got, peak = _peak(lambda: outcomes(lines_file, table, array))
    assert peak < 80 * MB  # the files hold 120 MB; the old reader held each whole, several times
    assert [g[:2] for g in got] == [
        ("a.jsonl#1", "ok"), ("a.jsonl#2", "document_too_large"), ("a.jsonl#3", "ok"),
        ("b.csv#1", "ok"), ("b.csv#2", "document_too_large"), ("b.csv#3", "ok"),
        ("c.json#1", "ok"), ("c.json#2", "document_too_large"), ("c.json#3", "ok"),
    ]
    assert got[1][2] == ("a.jsonl#2: a row of 60.0 MB, over the 10 MB limit for one article; it was "
                         "skipped; fix the export (one article per row)")
    assert got[4][2].startswith("b.csv#2: a row of 30.0 MB, over the 10 MB limit")
    assert got[7][2].startswith("c.json#2: a row of 30.0 MB, over the 10 MB limit")


def test_a_pretty_json_document_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    _write_big_line(path, b'{\n  "isi": "', 11 * MB, b'"\n}\n')
    assert outcomes(path) == [("one.json", "document_too_large", "one.json: one JSON document of more than "
                               "10 MB; write one record per line (JSON Lines) or a JSON array of records")]


@pytest.mark.timeout(0)  # pytest-timeout's own SIGALRM would switch the guard off
def test_a_document_that_takes_too_long_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import time

    text_module = importlib.import_module("warta.parse.text")

    def slow(*args, **kwargs):
        time.sleep(30)

    monkeypatch.setattr(sources, "MAX_SECONDS", 0.2)
    monkeypatch.setattr(text_module, "parse_text", slow)
    (tmp_path / "a.txt").write_text("Judul\n\nIsi berita.\n")
    (tmp_path / "b.jsonl").write_text(jsonl(ROW))
    started = time.monotonic()
    assert outcomes(tmp_path) == [
        ("a.txt", "document_timeout", "a.txt: parsing took longer than 0.2 s, the limit for one document, "
         "and was stopped; if the page is genuine, please report it"),
        ("b.jsonl", "ok", "Banjir Rendam Desa"),
    ]
    assert time.monotonic() - started < 10
    import signal

    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# --- 17: UTF-16/32 exports and ;-separated CSV are read -------------------------------------


def test_excel_unicode_text_and_utf32_exports_are_read(tmp_path: Path) -> None:
    table = "judul\tisi\ttanggal\r\nBanjir Rendam Desa\tWarga mengungsi ke balai desa.\t2023-11-07 08:15 WIB\r\n"
    (tmp_path / "a_excel.txt").write_bytes(table.encode("utf-16"))  # Excel "Unicode text": BOM, TABs
    (tmp_path / "b_nobom.tsv").write_bytes(table.encode("utf-16-le"))
    (tmp_path / "c_u32.csv").write_bytes(table.replace("\t", ",").encode("utf-32"))
    (tmp_path / "d_u16.jsonl").write_bytes(jsonl(ROW, ROW).encode("utf-16"))
    (tmp_path / "e_page.txt").write_bytes("Judul Berita\n\nKafe di Bandung ramai, café baru.\n".encode("utf-16"))
    got = list(iter_outcomes([str(tmp_path)]))
    assert [(Path(o.source).name, o.failure) for o in got] == [
        ("a_excel.txt#1", None), ("b_nobom.tsv#1", None), ("c_u32.csv#1", None),
        ("d_u16.jsonl#1", None), ("d_u16.jsonl#2", None), ("e_page.txt", None),
    ]
    first = got[0].article
    assert first is not None
    assert (first.title, first.paragraphs, first.published.isoformat()) == (  # type: ignore[union-attr]
        "Banjir Rendam Desa", ["Warga mengungsi ke balai desa."], "2023-11-07T08:15:00+07:00"
    )
    assert all(o.article.to_dict() | {"source": "", "id": ""} == first.to_dict() | {"source": "", "id": ""}
               for o in got[1:3])  # type: ignore[union-attr]
    assert got[5].article.paragraphs == ["Kafe di Bandung ramai, café baru."]  # type: ignore[union-attr]


def test_broken_utf16_keeps_the_rows_before(tmp_path: Path) -> None:
    data = jsonl(ROW, ROW).encode("utf-16-le") + b"\x00\xd8" + b"x\x00"  # a lone high surrogate
    path = tmp_path / "rusak.jsonl"
    path.write_bytes(codecs.BOM_UTF16_LE + data)
    got = outcomes(path)
    assert got[:2] == [("rusak.jsonl#1", "ok", "Banjir Rendam Desa"), ("rusak.jsonl#2", "ok", "Banjir Rendam Desa")]
    assert got[2:] == [("rusak.jsonl", "corrupt_file", f"rusak.jsonl: not valid utf-16-le (illegal UTF-16 "
                        f"surrogate) after {len(jsonl(ROW, ROW)):,} bytes (what came before was read); "
                        "re-save the file as UTF-8 (or as Unicode text again)")]


def test_semicolon_csv_from_excel_in_the_id_locale(tmp_path: Path) -> None:
    path = tmp_path / "ekspor.csv"
    path.write_bytes("judul;isi;tanggal\r\nHarga Naik;\"Harga cabai naik; pedagang mengeluh.\";07/11/2023\r\n".encode("cp1252"))
    (article,) = list(iter_outcomes([str(path)]))
    assert article.failure is None
    assert (article.article.title, article.article.paragraphs) == (  # type: ignore[union-attr]
        "Harga Naik", ["Harga cabai naik; pedagang mengeluh."]
    )


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [("judul,isi", ","), ("judul;isi;tanggal", ";"), ("judul\tisi", "\t"), ("judul|isi", "|"),
     ('"a;b",isi', ","), ("judul", ","), ("a;b,c;d", ";")],
)
def test_choose_delimiter(header: str, delimiter: str) -> None:
    assert choose_delimiter(header) == delimiter


# --- 4: a wrong --map column is one short failure per file ---------------------------------


def test_wrong_map_column_is_one_failure_without_the_file(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("judul,konten,tanggal\n" + "Judul,Isi berita yang panjang.,2020-01-01\n" * 20_000)
    assert export.stat().st_size > 800_000
    failures = tmp_path / "f.jsonl"
    result = CliRunner().invoke(cli, ["parse", str(export), "--map", "body=isi", "--failures", str(failures)],
                                catch_exceptions=False)
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        f"failed: {export}: --map body=isi: there is no column 'isi'; columns are: judul, konten, tanggal"
    )
    (entry,) = [json.loads(line) for line in failures.read_text().splitlines()]
    assert (entry["code"], entry["raw_bytes"], "raw_base64" in entry) == ("mapping_error", 0, False)
    assert failures.stat().st_size < 400


def test_parse_of_a_path_streams_it_like_a_batch_source(tmp_path: Path) -> None:
    page = tmp_path / "kompas.txt.gz"
    page.write_bytes(gzip.compress((FIXTURES / "text" / "kompas_style.txt").read_bytes(), mtime=0))
    plain = parse(FIXTURES / "text" / "kompas_style.txt")
    packed = parse(page)
    assert packed.to_dict() | {"source": None} == plain.to_dict() | {"source": None}
    assert packed.source == str(page)
    huge = tmp_path / "besar.txt"
    _write_big_line(huge, b"Judul\n\n", 12 * MB, b"\n")
    with pytest.raises(DocumentTooLarge) as caught:
        parse(huge)
    assert str(caught.value) == (f"{huge}: 12.0 MB is too large for one article (limit 10 MB); split it, "
                                 "or pass an export file (.jsonl/.csv) for many articles")


def test_json_array_rows_and_what_follows_the_array(tmp_path: Path) -> None:
    arrays = tmp_path / "a.json"
    arrays.write_text(json.dumps([ROW, 5, ROW]) + "\n" + json.dumps([ROW]) + "\n")
    assert outcomes(arrays) == [
        ("a.json#1", "ok", "Banjir Rendam Desa"),
        ("a.json#2", "invalid_record", "a.json#2: a record must be a JSON object, got int; fix or re-export the row"),
        ("a.json#3", "ok", "Banjir Rendam Desa"),
        ("a.json", "corrupt_file", "a.json: more data after the JSON array's closing ']' (after 3 rows, "
         "'[{\"judul\": \"Banjir R'…) was not read; make it one JSON array, or one object per line"),
    ]


def test_rows_that_are_not_objects_each_say_so(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text(jsonl("{nope}", "[2]", "5"))
    assert outcomes(path) == [
        ("b.jsonl#1", "document_error", "b.jsonl#1: not valid JSON (Expecting property name enclosed in double "
         "quotes: line 1 column 2 (char 1)); fix or re-export the row"),
        ("b.jsonl#2", "invalid_record", "b.jsonl#2: a record must be a JSON object, got list; fix or re-export the row"),
        ("b.jsonl#3", "invalid_record", "b.jsonl#3: a record must be a JSON object, got int; fix or re-export the row"),
    ]
