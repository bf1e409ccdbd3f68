"""The texts of the instruments kpiwell may ship: WHO-5, the two CBI subscales and the eNPS question.

A validated instrument is valid only verbatim and in its own order, so the English texts below are
reproduced exactly from their sources, with the citation to show wherever they are shown. No
official Vietnamese WHO-5 or CBI is available to the project: the Vietnamese texts are kpiwell's own
unofficial, unvalidated translations, flagged as such, and :func:`texts_for` always returns the
English original with them so both are shown together.

No text is shipped for the Mini-Z (licence unverified: it is scored only), the Maslach Burnout
Inventory and Areas of Worklife Survey (sold by Mind Garden), Gallup Q12 (licensed by Gallup) or
the UWES (free for non-commercial research only).

``response`` in an answer option is the value recorded in kpiwell's survey data: WHO-5 0-5 as in the
source; CBI 0-4 with 4 = the first option ("Always" / "To a very high degree"), whose points are
response x 25 (reverse-scored items are reversed when scored, not here); eNPS 0-10.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kpiwell.engine.wellbeing.instruments import CBI_PERSONAL, CBI_WORK, ENPS, MINI_Z, WHO5


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerOption:
    response: int
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemText:
    number: int  # 1-based, in the source's order
    text: str
    answers: tuple[AnswerOption, ...]  # in the order the source shows them
    reverse_scored: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class InstrumentText:
    instrument: str
    language: str  # "en" | "vi"
    title: str
    stem: str | None  # the instruction above the items, where the source has one
    items: tuple[ItemText, ...]
    citation: str
    official: bool  # the source's own wording (False for kpiwell's translations)
    validated: bool  # a psychometrically validated scale in this language (eNPS is a convention: never)
    note: str | None = None  # shown with a translation


WHO5_CITATION: Final = (
    "WHO-5 Well-Being Index. WHO Regional Office for Europe, 1998 (public domain). Scoring: Topp CW, "
    "Østergaard SD, Søndergaard S, Bech P. The WHO-5 Well-Being Index: a systematic review of the "
    "literature. Psychother Psychosom. 2015;84(3):167-176."
)
CBI_CITATION: Final = (
    "Copenhagen Burnout Inventory. Kristensen TS, Borritz M, Villadsen E, Christensen KB. The "
    "Copenhagen Burnout Inventory: a new tool for the assessment of burnout. Work & Stress. "
    "2005;19(3):192-207 (free to use)."
)
ENPS_CITATION: Final = (
    "Employee Net Promoter Score: the Net Promoter question (Reichheld 2003) applied to the workplace."
)
TRANSLATION_NOTE: Final = (
    "Unofficial, unvalidated Vietnamese translation by the kpiwell project; no official Vietnamese "
    "version is available. Shown together with the English original, which is the valid instrument. "
    "/ Bản dịch tiếng Việt không chính thức và chưa được thẩm định của dự án kpiwell; hiện chưa có "
    "bản tiếng Việt chính thức. Bản dịch được hiển thị kèm bản gốc tiếng Anh — bản gốc mới là công cụ "
    "đo lường có giá trị."
)


def _options(labels: tuple[str, ...], top: int) -> tuple[AnswerOption, ...]:
    """Answer options in the source's order, the first one worth ``top``, then one less each."""
    return tuple(AnswerOption(response=top - index, label=label) for index, label in enumerate(labels))


def _items(
    texts: tuple[str, ...], answers: tuple[tuple[AnswerOption, ...], ...], reverse: frozenset[int]
) -> tuple[ItemText, ...]:
    return tuple(
        ItemText(number=number, text=text, answers=options, reverse_scored=number in reverse)
        for number, (text, options) in enumerate(zip(texts, answers, strict=True), start=1)
    )


# --- WHO-5 --------------------------------------------------------------------------------------

_WHO5_ANSWERS_EN = _options(
    (
        "All of the time",
        "Most of the time",
        "More than half of the time",
        "Less than half of the time",
        "Some of the time",
        "At no time",
    ),
    top=5,
)
_WHO5_ANSWERS_VI = _options(
    (
        "Mọi lúc",
        "Phần lớn thời gian",
        "Hơn một nửa thời gian",
        "Chưa đến một nửa thời gian",
        "Thỉnh thoảng",
        "Không lúc nào",
    ),
    top=5,
)

WHO5_EN: Final = InstrumentText(
    instrument=WHO5,
    language="en",
    title="WHO-5 Well-Being Index",
    stem=(
        "Please indicate for each of the five statements which is closest to how you have been "
        "feeling over the last two weeks."
    ),
    items=_items(
        (
            "I have felt cheerful and in good spirits.",
            "I have felt calm and relaxed.",
            "I have felt active and vigorous.",
            "I woke up feeling fresh and rested.",
            "My daily life has been filled with things that interest me.",
        ),
        (_WHO5_ANSWERS_EN,) * 5,
        frozenset(),
    ),
    citation=WHO5_CITATION,
    official=True,
    validated=True,
)

WHO5_VI: Final = InstrumentText(
    instrument=WHO5,
    language="vi",
    title="Chỉ số sức khỏe tinh thần WHO-5",
    stem=(
        "Với mỗi câu trong năm câu dưới đây, xin hãy chọn mức gần nhất với cảm nhận của bạn trong "
        "hai tuần vừa qua."
    ),
    items=_items(
        (
            "Tôi cảm thấy vui vẻ và tinh thần phấn chấn.",
            "Tôi cảm thấy bình tĩnh và thư thái.",
            "Tôi cảm thấy năng động và tràn đầy sức sống.",
            "Tôi thức dậy với cảm giác sảng khoái và được nghỉ ngơi đầy đủ.",
            "Cuộc sống hằng ngày của tôi có nhiều điều khiến tôi hứng thú.",
        ),
        (_WHO5_ANSWERS_VI,) * 5,
        frozenset(),
    ),
    citation=WHO5_CITATION,
    official=False,
    validated=False,
    note=TRANSLATION_NOTE,
)

# --- Copenhagen Burnout Inventory ---------------------------------------------------------------

_FREQUENCY_EN = _options(("Always", "Often", "Sometimes", "Seldom", "Never/almost never"), top=4)
_DEGREE_EN = _options(
    ("To a very high degree", "To a high degree", "Somewhat", "To a low degree", "To a very low degree"),
    top=4,
)
_FREQUENCY_VI = _options(
    ("Luôn luôn", "Thường xuyên", "Thỉnh thoảng", "Hiếm khi", "Không bao giờ/hầu như không bao giờ"), top=4
)
_DEGREE_VI = _options(("Rất nhiều", "Nhiều", "Phần nào", "Ít", "Rất ít"), top=4)

_WORK_REVERSED: Final = frozenset({4})  # "enough energy for family and friends" (Kristensen et al. 2005)

CBI_PERSONAL_EN: Final = InstrumentText(
    instrument=CBI_PERSONAL,
    language="en",
    title="Copenhagen Burnout Inventory: personal burnout",
    stem=None,
    items=_items(
        (
            "How often do you feel tired?",
            "How often are you physically exhausted?",
            "How often are you emotionally exhausted?",
            'How often do you think: "I can\'t take it anymore"?',
            "How often do you feel worn out?",
            "How often do you feel weak and susceptible to illness?",
        ),
        (_FREQUENCY_EN,) * 6,
        frozenset(),
    ),
    citation=CBI_CITATION,
    official=True,
    validated=True,
)

CBI_PERSONAL_VI: Final = InstrumentText(
    instrument=CBI_PERSONAL,
    language="vi",
    title="Thang đo kiệt sức Copenhagen: kiệt sức cá nhân",
    stem=None,
    items=_items(
        (
            "Bạn có thường cảm thấy mệt mỏi không?",
            "Bạn có thường bị kiệt sức về thể chất không?",
            "Bạn có thường bị kiệt sức về cảm xúc không?",
            "Bạn có thường nghĩ: “Tôi không chịu đựng thêm được nữa” không?",
            "Bạn có thường cảm thấy rã rời, cạn kiệt sức lực không?",
            "Bạn có thường cảm thấy yếu ớt và dễ ốm không?",
        ),
        (_FREQUENCY_VI,) * 6,
        frozenset(),
    ),
    citation=CBI_CITATION,
    official=False,
    validated=False,
    note=TRANSLATION_NOTE,
)

CBI_WORK_EN: Final = InstrumentText(
    instrument=CBI_WORK,
    language="en",
    title="Copenhagen Burnout Inventory: work-related burnout",
    stem=None,
    items=_items(
        (
            "Do you feel worn out at the end of the working day?",
            "Are you exhausted in the morning at the thought of another day at work?",
            "Do you feel that every working hour is tiring for you?",
            "Do you have enough energy for family and friends during leisure time?",
            "Is your work emotionally exhausting?",
            "Does your work frustrate you?",
            "Do you feel burnt out because of your work?",
        ),
        (_FREQUENCY_EN,) * 4 + (_DEGREE_EN,) * 3,
        _WORK_REVERSED,
    ),
    citation=CBI_CITATION,
    official=True,
    validated=True,
)

CBI_WORK_VI: Final = InstrumentText(
    instrument=CBI_WORK,
    language="vi",
    title="Thang đo kiệt sức Copenhagen: kiệt sức liên quan đến công việc",
    stem=None,
    items=_items(
        (
            "Bạn có cảm thấy rã rời vào cuối ngày làm việc không?",
            "Buổi sáng, bạn có thấy kiệt sức khi nghĩ đến thêm một ngày làm việc nữa không?",
            "Bạn có cảm thấy mỗi giờ làm việc đều khiến bạn mệt mỏi không?",
            "Bạn có đủ năng lượng dành cho gia đình và bạn bè trong thời gian rảnh không?",
            "Công việc của bạn có khiến bạn kiệt quệ về cảm xúc không?",
            "Công việc của bạn có khiến bạn bực bội, chán nản không?",
            "Bạn có cảm thấy kiệt sức vì công việc không?",
        ),
        (_FREQUENCY_VI,) * 4 + (_DEGREE_VI,) * 3,
        _WORK_REVERSED,
    ),
    citation=CBI_CITATION,
    official=False,
    validated=False,
    note=TRANSLATION_NOTE,
)

# --- eNPS ---------------------------------------------------------------------------------------

_ENPS_SCALE = tuple(AnswerOption(response=value, label=str(value)) for value in range(11))

ENPS_EN: Final = InstrumentText(
    instrument=ENPS,
    language="en",
    title="Employee Net Promoter Score",
    stem=None,
    items=(
        ItemText(
            number=1,
            text="How likely is it that you would recommend this organisation as a place to work?",
            answers=_ENPS_SCALE,
        ),
    ),
    citation=ENPS_CITATION,
    official=True,
    validated=False,
)

ENPS_VI: Final = InstrumentText(
    instrument=ENPS,
    language="vi",
    title="Chỉ số eNPS (mức sẵn lòng giới thiệu nơi làm việc)",
    stem=None,
    items=(
        ItemText(
            number=1,
            text="Bạn sẵn lòng giới thiệu tổ chức này như một nơi để làm việc đến mức nào?",
            answers=_ENPS_SCALE,
        ),
    ),
    citation=ENPS_CITATION,
    official=False,
    validated=False,
    note=TRANSLATION_NOTE,
)

TEXTS: Final[dict[tuple[str, str], InstrumentText]] = {
    (text.instrument, text.language): text
    for text in (
        WHO5_EN,
        WHO5_VI,
        CBI_PERSONAL_EN,
        CBI_PERSONAL_VI,
        CBI_WORK_EN,
        CBI_WORK_VI,
        ENPS_EN,
        ENPS_VI,
    )
}

_NOT_SHIPPED: Final[dict[str, str]] = {
    MINI_Z: "the Mini-Z item's licence is unverified: kpiwell scores it but ships no item text",
}


def texts_for(instrument: str, language: str) -> tuple[InstrumentText, ...]:
    """The texts to show for ``instrument`` in ``language``, in display order.

    English gives the original alone; Vietnamese gives the unofficial translation followed by the
    English original, which must be shown with it. Raises ``ValueError`` for an instrument whose
    text is not shipped and for an unknown instrument or language.
    """
    if instrument in _NOT_SHIPPED:
        raise ValueError(_NOT_SHIPPED[instrument])
    if (instrument, "en") not in TEXTS:
        raise ValueError(f"no text is shipped for instrument {instrument!r}")
    if (instrument, language) not in TEXTS:
        raise ValueError(f"no {language!r} text for instrument {instrument!r}; available: en, vi")
    if language == "en":
        return (TEXTS[(instrument, "en")],)
    return (TEXTS[(instrument, language)], TEXTS[(instrument, "en")])
