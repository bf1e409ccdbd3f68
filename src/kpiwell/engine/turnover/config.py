"""Every threshold and cut-off of the turnover-risk model, in one place, with its source.

Nothing in the logic of this package carries a bare number: it reads the value from a
``TurnoverConfig`` (defaults below), so a reviewer can check each choice against its source and an
organisation can change it knowingly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Protected characteristics, matched as whole words of a column name (``MaritalStatus`` -> marital,
# status). Source: the characteristics protected by the UK Equality Act 2010 s.4 (age, disability,
# gender reassignment, marriage and civil partnership, pregnancy and maternity, race, religion or
# belief, sex, sexual orientation) and EU Directives 2000/43/EC and 2000/78/EC (racial or ethnic
# origin, religion or belief, disability, age, sexual orientation), plus nationality (TFEU art. 18).
# Each word names the attribute it stands for in reports.
DEFAULT_PROTECTED_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "age": "age",
        "birth": "age",  # DateOfBirth, BirthYear
        "dob": "age",
        "gender": "sex or gender",
        "sex": "sex or gender",
        "marital": "marital status",
        "married": "marital status",
        "race": "race or ethnicity",
        "racial": "race or ethnicity",
        "ethnicity": "race or ethnicity",
        "ethnic": "race or ethnicity",
        "religion": "religion or belief",
        "religious": "religion or belief",
        "belief": "religion or belief",
        "nationality": "nationality",
        "citizenship": "nationality",
        "disability": "disability",
        "disabled": "disability",
        "pregnancy": "pregnancy or maternity",
        "pregnant": "pregnancy or maternity",
        "maternity": "pregnancy or maternity",
    }
)

# Words that mark a column of unique values as an identifier rather than a measurement.
DEFAULT_IDENTIFIER_WORDS: tuple[str, ...] = ("id", "number", "no", "code", "key", "uuid", "ref", "guid")

# Answers that mean "yes" in a two-valued column, compared case-insensitively.
DEFAULT_YES_WORDS: tuple[str, ...] = ("yes", "y", "true", "t", "1")
DEFAULT_NO_WORDS: tuple[str, ...] = ("no", "n", "false", "f", "0")


@dataclass(frozen=True, slots=True, kw_only=True)
class Phrase:
    """How to say one well-known HR column in plain words.

    ``words`` is the column name split into lower-case words (``YearsSinceLastPromotion`` ->
    years, since, last, promotion). For a yes/no column ``yes``/``no`` are the phrases; for a number
    ``template`` receives ``{value}`` (and ``{typical}``, the training median), with ``zero`` and
    ``one`` as optional exact wordings for 0 and 1.
    """

    words: tuple[str, ...]
    yes: str | None = None
    no: str | None = None
    template: str | None = None
    zero: str | None = None
    one: str | None = None


DEFAULT_PHRASES: tuple[Phrase, ...] = (
    Phrase(words=("over", "time"), yes="works overtime", no="does not work overtime"),
    Phrase(words=("overtime",), yes="works overtime", no="does not work overtime"),
    Phrase(
        words=("years", "since", "last", "promotion"),
        template="no promotion for {value} years",
        zero="promoted within the last year",
        one="no promotion for 1 year",
    ),
    Phrase(
        words=("years", "at", "company"),
        template="{value} years at the company",
        zero="less than a year at the company",
        one="1 year at the company",
    ),
    Phrase(
        words=("years", "in", "current", "role"),
        template="{value} years in the current role",
        zero="less than a year in the current role",
        one="1 year in the current role",
    ),
    Phrase(
        words=("years", "with", "curr", "manager"),
        template="{value} years with the current manager",
        zero="less than a year with the current manager",
        one="1 year with the current manager",
    ),
    Phrase(
        words=("years", "with", "current", "manager"),
        template="{value} years with the current manager",
        zero="less than a year with the current manager",
        one="1 year with the current manager",
    ),
    Phrase(
        words=("num", "companies", "worked"),
        template="worked at {value} companies before",
        zero="no previous employer",
        one="worked at 1 company before",
    ),
    Phrase(
        words=("training", "times", "last", "year"),
        template="{value} trainings last year",
        zero="no training last year",
        one="1 training last year",
    ),
    Phrase(words=("distance", "from", "home"), template="lives {value} from work (typical {typical})"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class RiskBands:
    """``low`` < medium <= ``medium`` < high <= ``high``. Source: issue 5 (0.15 and 0.35: about one
    and two times the 16% base rate of leaving in the IBM reference data)."""

    medium: float = 0.15
    high: float = 0.35

    def band(self, probability: float) -> str:
        if probability >= self.high:
            return "high"
        if probability >= self.medium:
            return "medium"
        return "low"


SUPPORTIVE_NOTE = (
    "For a supportive conversation about growth, workload and recognition only; "
    "never for decisions about this person (pay, promotion, discipline, dismissal)."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnoverConfig:
    # --- input checks -------------------------------------------------------------------------
    # Issue 5: fewer than 50 rows is an error. With 5 folds that leaves at least 10 people per test
    # fold, the smallest set on which a fold's ROC-AUC means anything.
    min_rows: int = 50

    # --- column typing ------------------------------------------------------------------------
    # An integer column with at most this many distinct values, all within 0..ordinal_max_value, is
    # an ordinal scale (Likert 1-4 / 1-5 ratings, job levels 1-5; Likert 1932). Wider integer
    # ranges (a 0-10 recommendation score, counts) are treated as numbers.
    ordinal_max_levels: int = 5
    ordinal_max_value: int = 10
    # A text column with more distinct values than this is free text or an identifier, not a
    # category: one-hot encoding it would give one coefficient per person.
    max_categories: int = 50
    identifier_words: tuple[str, ...] = DEFAULT_IDENTIFIER_WORDS
    yes_words: tuple[str, ...] = DEFAULT_YES_WORDS
    no_words: tuple[str, ...] = DEFAULT_NO_WORDS

    # --- engineered features -------------------------------------------------------------------
    # A non-negative numeric column gets a "is zero" indicator when between 5% and 95% of people
    # have exactly zero (e.g. promoted this year, new to the role): a threshold effect a straight
    # line misses. Below 5% the indicator rests on too few people to estimate.
    zero_indicator_min_share: float = 0.05
    zero_indicator_max_share: float = 0.95

    # --- protected attributes and proxies -------------------------------------------------------
    protected_words: Mapping[str, str] = field(default_factory=lambda: DEFAULT_PROTECTED_WORDS)
    # Issue 5: a column that predicts a protected attribute with ROC-AUC >= 0.8 on its own is a
    # strong proxy (Hosmer & Lemeshow, Applied Logistic Regression, 2nd ed. 2000, p. 162: 0.8-0.9 is
    # "excellent discrimination").
    proxy_auc: float = 0.8
    # One-vs-rest proxy targets for groups smaller than this are skipped, and the fairness table's
    # largest gap ignores such groups: a rate or an AUC on a handful of people is noise.
    proxy_min_group_size: int = 10
    # Age bands for fairness and proxy checks: under 30, 30-39, 40-49, 50 and over. The 40 cut is
    # where the US Age Discrimination in Employment Act (1967) protection starts.
    age_band_edges: tuple[int, ...] = (30, 40, 50)
    # Other numeric protected attributes are banded into this many quantile groups.
    numeric_protected_quantile_groups: int = 4

    # --- model --------------------------------------------------------------------------------
    # Issue 5: stratified 5-fold cross-validation with a fixed default seed.
    folds: int = 5
    seed: int = 42
    # Inner cross-validation (within each training set) picks the L2 strength by log-loss and
    # fits Platt scaling on the out-of-fold scores (Platt 1999).
    inner_folds: int = 5
    regularisation_grid: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3, 1.0)
    max_iterations: int = 5000

    # --- output -------------------------------------------------------------------------------
    bands: RiskBands = field(default_factory=RiskBands)
    drivers: int = 3  # issue 5: the top three drivers per person
    calibration_bins: int = 10  # deciles of predicted risk
    note: str = SUPPORTIVE_NOTE
    phrases: tuple[Phrase, ...] = DEFAULT_PHRASES

    @property
    def min_per_class(self) -> int:
        """Leavers (and stayers) needed so that every outer training set still has one per inner
        fold: ``ceil(inner_folds * folds / (folds - 1))``, 7 for 5 and 5 folds."""
        return math.ceil(self.inner_folds * self.folds / (self.folds - 1))
