"""Bad input never crashes and never loses the rest of a batch.

Empty, binary, GB18030, truncated and unrelated files: each gets a one-line error naming the
file (or imports, for GB18030 and truncated tables) and the other files of the batch still
import.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.errors import NotATargetTableError, UnreadableFileError
from jixiao.ingest import load, load_many

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
TIANHE_DEPT = SAMPLES / "tianhe-2025-department-tabbed-html.txt"
TIANHE_PROJECTS = SAMPLES / "tianhe-2025-project-pdftext.txt"


def test_empty_file_is_reported_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    with pytest.raises(UnreadableFileError) as caught:
        load(path)
    assert str(path) in str(caught.value) and "为空" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff" * 50)
    with pytest.raises(UnreadableFileError, match="二进制"):
        load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="不存在"):
        load(tmp_path / "nope.txt")


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(bytes(range(0x80, 0xFF)) * 20)
    with pytest.raises(UnreadableFileError):
        load(path)


def test_gb18030_file_imports_like_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(TIANHE_DEPT.read_text(encoding="utf-8").encode("gb18030"))
    document = load(path)
    reference = load(TIANHE_DEPT)
    assert document.encoding == "gb18030"
    assert document.department == "广州市天河区司法局"
    assert [i.name for i in document.indicators] == [i.name for i in reference.indicators]
    assert document.budget is not None and reference.budget is not None
    assert document.budget.project_expenditure == reference.budget.project_expenditure


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TIANHE_DEPT.read_bytes())
    assert load(path).department == "广州市天河区司法局"


def test_unrelated_text_is_not_a_target_table(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text(
        "会议纪要\n\n一、会议听取了工作汇报。\n二、会议研究了下一步工作。\n", encoding="utf-8"
    )
    with pytest.raises(NotATargetTableError) as caught:
        load(path)
    assert str(path) in str(caught.value)


def test_truncated_project_table_keeps_what_it_has(tmp_path: Path) -> None:
    lines = TIANHE_PROJECTS.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "truncated.txt"
    path.write_text("\n".join(lines[:100]), encoding="utf-8")  # cut inside the 3rd project
    document = load(path)
    assert [p.name for p in document.projects][:2] == [
        "机关业务用房和司法所维修维护费",
        "天河区一村（社区）一法律顾问公益法律服务工作经费",
    ]
    assert len(document.projects[0].indicators) == 5
    assert len(document.projects[1].indicators) == 7


def test_truncated_department_table_reports_missing_indicators(tmp_path: Path) -> None:
    lines = TIANHE_DEPT.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "truncated.txt"
    path.write_text("\n".join(lines[:15]), encoding="utf-8")
    document = load(path)
    assert len(document.tasks) == 2
    assert [i.code for i in document.issues] == ["import-missing-section"]


def test_batch_keeps_good_files_and_names_bad_ones(tmp_path: Path) -> None:
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-binary.txt").write_bytes(b"\x00\x01" * 100)
    (tmp_path / "c-good.txt").write_bytes(TIANHE_DEPT.read_bytes())
    (tmp_path / "d-other.txt").write_text("天气预报：晴。", encoding="utf-8")
    batch = load_many([tmp_path])
    assert [d.department for d in batch.documents] == ["广州市天河区司法局"]
    named = sorted(Path(e.path or "").name for e in batch.errors)
    assert named == ["a-empty.txt", "b-binary.txt", "d-other.txt"]
