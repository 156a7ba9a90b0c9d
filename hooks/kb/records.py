"""Typed records of the content: documents, tasks, deadlines, units, cited documents.

Python names are English; the keys editors write (aliases) are Vietnamese without
diacritics. The JSON Schemas in schemas/ are generated from these classes.
"""

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TASK_REF = r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$"


def _iso_date(value):
    # Dates are kept as text by the loader so that a wrong one gets a precise message.
    if isinstance(value, date):
        return value
    text = str(value)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"cần ngày dạng YYYY-MM-DD, nhận được '{text}'")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"ngày không có thật trên lịch: '{text}'") from None


def _day_month(text: str) -> str:
    # A yearly date: real in every year, so 29/02 is refused.
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})", text)
    if not m:
        raise ValueError(f"cần ngày/tháng dạng DD/MM, nhận được '{text}'")
    try:
        date(2023, int(m[2]), int(m[1]))
    except ValueError:
        raise ValueError(f"ngày/tháng không có thật: '{text}'") from None
    return f"{int(m[1]):02d}/{int(m[2]):02d}"


def _year_month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise ValueError(f"cần tháng dạng YYYY-MM, nhận được '{text}'")
    return text


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
DayMonth = Annotated[str, AfterValidator(_day_month)]
YearMonth = Annotated[str, AfterValidator(_year_month)]
Slug = Annotated[str, Field(pattern=SLUG)]
Text = Annotated[str, Field(min_length=1)]


class Record(BaseModel):
    """Strict about unknown keys (typos), lenient about numbers written for text."""
    model_config = ConfigDict(extra="forbid", populate_by_name=True, coerce_numbers_to_str=True,
                              frozen=True)


class Signer(Record):
    name: str | None = Field(alias="ho_ten", description="Họ tên người ký, như trong văn bản")
    position: str | None = Field(alias="chuc_vu", description="Chức vụ, ví dụ 'Phó Thủ tướng'")
    capacity: str | None = Field(None, alias="tham_quyen",
                                 description="Thể thức ký: 'KT. Thủ tướng', 'TM. Ủy ban nhân dân, KT. Chủ tịch', 'TL. ...'; null nếu ký trực tiếp")


DeadlineKind = Literal["mot-lan", "trong-thang", "hang-nam", "sau-thang", "hang-quy", "hang-thang", "thuong-xuyen"]


class Deadline(Record):
    """When a task is due: structured, with the wording of the text kept alongside."""
    kind: DeadlineKind = Field(alias="loai")
    on: IsoDate | None = Field(None, alias="ngay", description="Hạn một lần (loai: mot-lan), YYYY-MM-DD")
    month: YearMonth | None = Field(None, alias="thang", description="Hạn trong tháng (loai: trong-thang), YYYY-MM")
    day_month: DayMonth | None = Field(None, alias="ngay_thang",
                                       description="Hạn lặp lại (hang-nam, sau-thang, hang-quy, hang-thang): lần đầu trong năm, DD/MM")
    report: str | None = Field(None, alias="bao_cao", description="Loại báo cáo, ví dụ 'báo cáo 6 tháng đầu năm'")
    wording: Text = Field(alias="nguyen_van", description="Nguyên văn thời hạn trong văn bản")


class Task(Record):
    """A task a document gives: one numbered part (or a sentence of it)."""
    code: Slug = Field(alias="ma", description="Mã nhiệm vụ trong văn bản, ví dụ '6', 'iii-2'")
    anchor: Slug = Field(alias="muc", description="Neo của phần quy định nhiệm vụ, ví dụ 'muc-6'")
    summary: Text = Field(alias="noi_dung", description="Tóm tắt ngắn nội dung nhiệm vụ")
    leads: list[Slug] = Field(default_factory=list, alias="chu_tri", description="Mã đơn vị chủ trì")
    partners: list[Slug] = Field(default_factory=list, alias="phoi_hop", description="Mã đơn vị phối hợp")
    deadlines: list[Deadline] = Field(default_factory=list, alias="thoi_han")
    report_to: list[Slug] = Field(default_factory=list, alias="bao_cao_cho", description="Mã đơn vị nhận báo cáo")
    report_via: Slug | None = Field(None, alias="bao_cao_qua", description="Mã đơn vị báo cáo qua (tổng hợp)")
    implements: list[Annotated[str, Field(pattern=TASK_REF)]] = Field(
        default_factory=list, alias="thuc_hien",
        description="Nhiệm vụ cấp trên mà nhiệm vụ này triển khai, dạng 'ma-van-ban/ma-nhiem-vu' (ánh xạ biên tập)")


NoteKind = Literal["khuyet-thong-tin", "loi-nguon", "luoc-bo", "anh-xa", "khac"]


class EditorialNote(Record):
    """An editor's note: why a value is unknown, a defect of the source, a dropped artefact."""
    field_name: str | None = Field(None, alias="truong", description="Trường mà ghi chú giải thích (ví dụ 'so_hieu')")
    anchor: Slug | None = Field(None, alias="muc", description="Neo của phần văn bản liên quan")
    kind: NoteKind = Field("khac", alias="loai")
    text: Text = Field(alias="noi_dung")


PERIOD = r"^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$"


class ReportOf(Record):
    """What a report (loai: bao-cao) answers: the tasks, the period; the reporting unit is its issuer."""
    tasks: list[Annotated[str, Field(pattern=TASK_REF)]] = Field(
        alias="nhiem_vu", min_length=1, description="Nhiệm vụ mà báo cáo trả lời, dạng 'ma-van-ban/ma-nhiem-vu'")
    period: Annotated[str, Field(pattern=PERIOD)] = Field(
        alias="ky", description="Kỳ báo cáo: năm '2025', nửa năm '2025-H1'/'2025-H2', quý '2025-Q3', tháng '2025-12'")
    deadline: int | None = Field(None, alias="thoi_han", ge=1,
                                 description="Thời hạn thứ mấy của nhiệm vụ (đếm từ 1), khi nhiệm vụ có nhiều thời hạn")


class Proposal(Record):
    """A value the importer inferred: 'make check' reports it until an editor has checked it and removed it."""
    field_name: Text = Field(alias="truong", description="Trường được đề xuất, ví dụ 'co_quan_ban_hanh', 'nhiem_vu/iii-1'")
    text: Text = Field(alias="noi_dung", description="Giá trị được đọc từ đâu trong văn bản")
    value: dict | None = Field(None, alias="gia_tri",
                               description="Mục đề xuất thêm vào danh mục (đơn vị, văn bản trích dẫn), chép được vào data/")


ORIGINAL_FILE = r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)+$"


class Original(Record):
    """The file the text was taken from, kept as received in nguon/, its hash recorded so it cannot be swapped
    unseen; the check holds the body to every sentence of it."""
    file: Annotated[str, Field(pattern=ORIGINAL_FILE)] = Field(
        alias="tep", description="Tên tệp trong thư mục nguon/, ví dụ 'ke-hoach-12-kh-ubnd-2024.pdf'")
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] = Field(description="Mã băm SHA-256 của tệp (make import ghi)")
    lines: list[Annotated[int, Field(ge=1)]] | None = Field(
        None, alias="dong", min_length=2, max_length=2,
        description="Khi một tệp chứa nhiều văn bản: dòng đầu và dòng cuối của văn bản này trong chữ của tệp, ví dụ [46, 137]")
    ocr: Annotated[str, Field(pattern=ORIGINAL_FILE)] | None = Field(
        None, description="Bản quét: tệp chữ nhận dạng (OCR) lúc nhập, trong nguon/; toàn văn đã sửa theo bản giấy được so với nó")


REPORT = "bao-cao"  # the kind of document that reports on tasks
DocKind = Literal["chi-thi", "ke-hoach", "cong-van", "quyet-dinh", "nghi-quyet", "ket-luan", "thong-bao", "bao-cao"]
Status = Literal["du-thao", "da-ban-hanh", "het-hieu-luc"]


class Change(Record):
    """Another document that this one replaces, amends or annuls (points of), and from when."""
    document: Slug = Field(alias="van_ban", description="Mã văn bản bị thay thế, sửa đổi hay bãi bỏ (trong kho)")
    points: list[Slug] = Field(default_factory=list, alias="diem",
                               description="Neo các mục bị sửa đổi, bãi bỏ, ví dụ [muc-6]; để trống: cả văn bản")
    day: IsoDate | None = Field(None, alias="tu_ngay",
                                description="Từ ngày nào; để trống: ngày hiệu lực (không có thì ngày ban hành) của văn bản này")


class Document(Record):
    """Front matter of one document page."""
    id: Slug = Field(description="Mã cố định; địa chỉ trang /van-ban/<id>/ lấy từ mã này và không bao giờ đổi")
    kind: DocKind | None = Field(alias="loai")
    number: str | None = Field(alias="so_hieu")
    title: str | None = Field(alias="trich_yeu")
    issuer: Slug | None = Field(alias="co_quan_ban_hanh", description="Mã đơn vị ban hành (data/don-vi.yml)")
    issued: IsoDate | None = Field(alias="ngay_ban_hanh")
    signer: Signer = Field(alias="nguoi_ky")
    status: Status = Field(alias="tinh_trang")
    implements: list[Slug] = Field(default_factory=list, alias="trien_khai",
                                   description="Văn bản cấp trên mà văn bản này triển khai")
    basis: list[Slug] = Field(default_factory=list, alias="can_cu", description="Văn bản được viện dẫn làm căn cứ")
    tasks: list[Task] = Field(default_factory=list, alias="nhiem_vu")
    source: str | None = Field(alias="nguon", description="Văn bản được lấy từ đâu (tệp như đã nhận, nơi lưu)")
    original: Original | None = Field(None, alias="ban_goc", description="Bản gốc lưu trong nguon/ (make import ghi)")
    report: ReportOf | None = Field(None, alias="bao_cao", description="Chỉ với báo cáo (loai: bao-cao): nhiệm vụ và kỳ báo cáo")
    valid_from: IsoDate | None = Field(None, alias="hieu_luc_tu", description="Có hiệu lực từ ngày (trống: từ ngày ban hành)")
    valid_to: IsoDate | None = Field(None, alias="hieu_luc_den",
                                     description="Áp dụng đến hết ngày (thời hạn của kế hoạch, ví dụ 2024-12-31)")
    replaces: list[Change] = Field(default_factory=list, alias="thay_the", description="Văn bản mà văn bản này thay thế")
    amends: list[Change] = Field(default_factory=list, alias="sua_doi",
                                 description="Văn bản (các mục) mà văn bản này sửa đổi, bổ sung")
    annuls: list[Change] = Field(default_factory=list, alias="bai_bo", description="Văn bản (các mục) mà văn bản này bãi bỏ")
    notes: list[EditorialNote] = Field(default_factory=list, alias="ghi_chu_bien_tap")
    proposals: list[Proposal] = Field(default_factory=list, alias="de_xuat",
                                      description="Đề xuất của trình nhập chờ biên tập viên xác nhận; xóa từng mục sau khi kiểm tra")


Level = Literal["trung-uong", "bo-nganh", "tinh", "so-nganh", "huyen", "xa",
                "don-vi-su-nghiep", "phong-ban", "dang", "doan-the"]


class Scope(Record):
    """Who a collective addressee covers: units of these levels under one unit."""
    levels: list[Level] = Field(alias="cap")
    under: Slug | None = Field(None, alias="truc_thuoc")


class Unit(Record):
    """A body that issues, leads, co-operates or receives reports; or a collective of them."""
    id: Slug
    name: Text = Field(alias="ten")
    short_name: str | None = Field(None, alias="ten_ngan")
    level: Level = Field(alias="cap")
    parent: Slug | None = Field(None, alias="truc_thuoc")
    collective: Scope | None = Field(None, alias="tap_the",
                                     description="Chỉ với đối tượng tập thể ('các sở, ban, ngành'): phạm vi bao gồm")
    valid_from: IsoDate | None = Field(None, alias="hieu_luc_tu")
    valid_to: IsoDate | None = Field(None, alias="hieu_luc_den")
    successor: Slug | None = Field(None, alias="ke_thua", description="Đơn vị kế thừa sau khi sắp xếp")
    successor_basis: str | None = Field(None, alias="can_cu_ke_thua", description="Văn bản làm căn cứ kế thừa")
    note: str | None = Field(None, alias="ghi_chu")


class CitedDocument(Record):
    """A document our texts cite but whose full text the knowledge base does not hold."""
    id: Slug
    number: str | None = Field(alias="so_hieu")
    kind: Text = Field(alias="loai", description="Loại văn bản, ví dụ 'Nghị quyết', 'Luật'")
    issued: IsoDate | None = Field(alias="ngay")
    issuer: str | None = Field(alias="co_quan", description="Cơ quan ban hành, như văn bản trích dẫn ghi")
    title: str | None = Field(alias="trich_yeu")
    branch: Literal["dang", "nha-nuoc"] = Field(alias="khoi", description="Văn bản của Đảng hay Nhà nước")
    patterns: list[Text] = Field(default_factory=list, alias="nhan_dang",
                                 description="Cách các văn bản gọi văn bản này, để tìm trích dẫn (mặc định: số hiệu)")
    note: str | None = Field(None, alias="ghi_chu")


class Redirect(Record):
    """An old address kept alive after a page had to move."""
    old: Text = Field(alias="tu", description="Địa chỉ cũ, ví dụ 'van-ban/ten-cu/'")
    new: Text = Field(alias="den", description="Địa chỉ mới, ví dụ 'van-ban/ten-moi/'")


class Abbreviation(Record):
    """An abbreviation and what it stands for: search finds either form from the other."""
    short: Text = Field(alias="viet_tat", description="Chữ viết tắt, ví dụ 'UBND'")
    full: list[Text] = Field(alias="day_du", min_length=1, description="Các dạng đầy đủ, ví dụ 'Ủy ban nhân dân'")


class SearchWords(Record):
    """How cadres ask (data/tim-kiem.yml): words that make a question, not its subject, and words that stand for
    each other."""
    question: list[Text] = Field(default_factory=list, alias="tu_hoi", description=(
        "Từ, cụm từ để hỏi hay hư từ, không dùng để so khớp (vẫn dùng để xếp cụm từ); khung hỏi ghi với dấu …, "
        "ví dụ 'có … không'"))
    synonyms: list[list[Text]] = Field(default_factory=list, alias="dong_nghia", description=(
        "Các nhóm từ, cụm từ thay được cho nhau khi tìm, ví dụ [người dân, nhân dân]"))


class Body(Record):
    """A standard body that documents assign work to, by its name without a place (data/co-quan.yml): the
    importer proposes a registry unit for it, named after the document's province or district."""
    name: Text = Field(alias="ten", description="Tên không kèm địa danh, ví dụ 'Sở Nội vụ'")
    level: Level = Field(alias="cap", description="Cấp, như trong data/don-vi.yml")
    belongs: Literal["tinh", "huyen", "xa", "so"] = Field(
        alias="thuoc", description="Cơ quan thuộc cấp nào: tinh, huyen, xa, hay so (đơn vị của một sở)")


class Settings(Record):
    """Content settings (data/cau-hinh.yml)."""
    deadline_margin_days: int = Field(5, alias="canh_bao_thoi_han_ngay", ge=0,
                                      description="Cảnh báo khi hạn cấp dưới cách hạn cấp trên ít hơn số ngày này")
    draft_days_ahead: int = Field(60, alias="du_thao_toi_da_ngay", ge=0,
                                  description="Dự thảo được ghi ngày ban hành dự kiến sau hôm nay tối đa số ngày này; "
                                              "văn bản đã ban hành không được ghi ngày sau hôm nay")
