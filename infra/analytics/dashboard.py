"""The analytics dashboard's definition, in CloudFormation's own shape
(AWS::QuickSight::Dashboard ``Definition``): one sheet, its visuals and their filters.

Every visual is named once (the visual ids below): the filter groups scope them and the tests
look them up. Every visual that reads figures or participation leaves out suppressed rows
(cells with fewer answers than the minimum cell size), and a campaign picker narrows every
visual but the campaign trend to one campaign; the areas a reader sees are the ones row-level
security leaves them (their municipality, its kommungrupp and the nation).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from shared.results.figures import ERRAND_QUESTION, KOMMUN
from shared.results.themes.shares import ALL as ALL_COMMENTS

if TYPE_CHECKING:
    from infra.analytics.stack import Analytics

FIGURES, PARTICIPATION, COMMENTS, THEMES = "figures", "participation", "comments", "themes"
SHEET = "resultat"
CAMPAIGN_FILTER = "campaign"
# Visual ids, named once: the filter groups scope them, the tests look them up.
COMPARISON, DISTRIBUTION, RANKING = "comparison", "distribution", "ranking"
TREND_WEEK, TREND_MONTH, TREND_CAMPAIGN = "trend-week", "trend-month", "trend-campaign"
OWN_QUESTIONS, ERRANDS, ERRAND_SHARES = "own-questions", "errands", "errand-shares"
PARTICIPATION_TABLE, COMMENTS_TABLE, COMMENT_THEMES = "participation", "comments", "themes"
FIGURE_VISUALS = (
    COMPARISON,
    DISTRIBUTION,
    RANKING,
    TREND_WEEK,
    TREND_MONTH,
    TREND_CAMPAIGN,
    OWN_QUESTIONS,
    ERRANDS,
    ERRAND_SHARES,
)
HIDDEN_NOTE = "Celler med färre svar än minsta cellstorlek visas inte."
BESIDE_NOTE = "Kommunen, dess kommungrupp och riket (de rader läsaren får se)."


def _column(dataset: str, name: str) -> dict[str, str]:
    return {"DataSetIdentifier": dataset, "ColumnName": name}


def _dimension(field_id: str, dataset: str, name: str) -> dict[str, Any]:
    return {"CategoricalDimensionField": {"FieldId": field_id, "Column": _column(dataset, name)}}


def _measure(field_id: str, dataset: str, name: str, how: str) -> dict[str, Any]:
    return {
        "NumericalMeasureField": {
            "FieldId": field_id,
            "Column": _column(dataset, name),
            "AggregationFunction": {"SimpleNumericalAggregation": how},
        }
    }


def _label(text: str) -> dict[str, Any]:
    return {"Visibility": "VISIBLE", "FormatText": {"PlainText": text}}


def _ascending(field_id: str) -> dict[str, Any]:
    return {"FieldSort": {"FieldId": field_id, "Direction": "ASC"}}


def _wells(
    category: Any, values: list[Any], colors: list[Any], small: Any | None
) -> dict[str, Any]:
    wells: dict[str, Any] = {"Category": [category], "Values": values, "Colors": colors}
    if small is not None:
        wells["SmallMultiples"] = [small]
    return wells


def _bar(
    visual_id: str,
    title: str,
    note: str,
    category: Any,
    values: list[Any],
    colors: list[Any],
    small: Any | None = None,
) -> dict[str, Any]:
    return {
        "BarChartVisual": {
            "VisualId": visual_id,
            "Title": _label(title),
            "Subtitle": _label(note),
            "ChartConfiguration": {
                "FieldWells": {
                    "BarChartAggregatedFieldWells": _wells(category, values, colors, small)
                },
                "Orientation": "HORIZONTAL",
                "BarsArrangement": "CLUSTERED",
            },
        }
    }


def _line(
    visual_id: str, title: str, note: str, category: Any, sort: dict[str, Any]
) -> dict[str, Any]:
    """Index over a time axis, one line per area (own, group, nation), one panel per question."""
    f = FIGURES
    return {
        "LineChartVisual": {
            "VisualId": visual_id,
            "Title": _label(title),
            "Subtitle": _label(note),
            "ChartConfiguration": {
                "FieldWells": {
                    "LineChartAggregatedFieldWells": _wells(
                        category,
                        [_measure(f"{visual_id}-index", f, "index", "AVERAGE")],
                        [_dimension(f"{visual_id}-area", f, "area_name")],
                        _dimension(f"{visual_id}-question", f, "question_label"),
                    )
                },
                "SortConfiguration": {"CategorySort": [sort]},
            },
        }
    }


def _table(visual_id: str, title: str, group_by: list[Any], values: list[Any]) -> dict[str, Any]:
    return {
        "TableVisual": {
            "VisualId": visual_id,
            "Title": _label(title),
            "ChartConfiguration": {
                "FieldWells": {"TableAggregatedFieldWells": {"GroupBy": group_by, "Values": values}}
            },
        }
    }


def _scope(visuals: Iterable[str]) -> dict[str, Any]:
    return {
        "SelectedSheets": {
            "SheetVisualScopingConfigurations": [
                {"SheetId": SHEET, "Scope": "SELECTED_VISUALS", "VisualIds": list(visuals)}
            ]
        }
    }


def _group(
    filter_id: str,
    dataset_filter: dict[str, Any],
    visuals: Iterable[str],
    cross: str = "SINGLE_DATASET",
) -> dict[str, Any]:
    """``cross``: ALL_DATASETS applies the filter to every dataset with a column of the name."""
    return {
        "FilterGroupId": f"group-{filter_id}",
        "CrossDataset": cross,
        "Status": "ENABLED",
        "Filters": [dataset_filter],
        "ScopeConfiguration": _scope(visuals),
    }


def _filter(
    filter_id: str,
    dataset: str,
    column: str,
    values: list[str],
    visuals: Iterable[str],
    operator: str = "CONTAINS",
) -> dict[str, Any]:
    """Rows whose ``column`` is one of ``values`` (or, with DOES_NOT_CONTAIN, none of them)."""
    category = {
        "FilterId": filter_id,
        "Column": _column(dataset, column),
        "Configuration": {
            "FilterListConfiguration": {"MatchOperator": operator, "CategoryValues": values}
        },
    }
    return _group(filter_id, {"CategoryFilter": category}, visuals)


def _flag(
    filter_id: str, dataset: str, column: str, value: int, visuals: Iterable[str]
) -> dict[str, Any]:
    """Rows whose boolean ``column`` is ``value``: QuickSight promotes a boolean to an integer
    (0/1; "Supported data types and values", QuickSight User Guide), and a row without the
    value (NULL) is left out too."""
    equality = {
        "FilterId": filter_id,
        "Column": _column(dataset, column),
        "Value": value,
        "MatchOperator": "EQUALS",
        "NullOption": "NON_NULLS_ONLY",
    }
    return _group(filter_id, {"NumericEqualityFilter": equality}, visuals)


def _campaign_filter(visuals: Iterable[str]) -> dict[str, Any]:
    """The campaign picker's filter: every campaign until the reader picks one. Declared on the
    figures' ``campaign_name`` and applied to every dataset with that column (the theme
    shares have it too), so one picker narrows the themes with the figures."""
    category = {
        "FilterId": CAMPAIGN_FILTER,
        "Column": _column(FIGURES, "campaign_name"),
        "Configuration": {
            "FilterListConfiguration": {
                "MatchOperator": "CONTAINS",
                "SelectAllOptions": "FILTER_ALL_VALUES",
            }
        },
    }
    return _group(CAMPAIGN_FILTER, {"CategoryFilter": category}, visuals, "ALL_DATASETS")


def dashboard_definition(analytics: Analytics) -> dict[str, Any]:
    """What a municipality's manager reads, each visual beside its kommungrupp and the nation
    (row-level security leaves a reader exactly those three areas):

    - ``comparison``: index per question (national and own questions), own vs group vs nation;
    - ``trend-week`` / ``trend-month``: index per ISO week and per month within a campaign;
      ``trend-campaign``: campaign over campaign (by ``campaign_name``, in start order);
    - ``own-questions``: the distribution (``share`` per option) of the municipality's own
      choice questions;
    - ``errands``: index per errand kind, and ``errand-shares``: how the errands are spread;
    - ``ranking``: the rank only where the municipality is comparable (≥ 100 answers);
    - ``themes``: what the released comments are about, each theme's share beside the group's
      and the nation's (the row of all comments, ``alla``, left out);
    - answer counts, participation and the own comments.

    Every figure visual leaves out suppressed rows (``suppressed`` = 0) besides the rows'
    own empty values, so a hidden cell never shows as a zero. A campaign picker narrows every
    visual but the campaign trend to one campaign."""
    f = FIGURES
    comparison = _bar(
        COMPARISON,
        "Index per fråga: kommunen, kommungruppen och riket",
        f"Medelvärde 0–100; egna frågor har bara kommunens stapel. {HIDDEN_NOTE}",
        _dimension("cmp-question", f, "question_label"),
        [_measure("cmp-index", f, "index", "AVERAGE")],
        [_dimension("cmp-area", f, "area_name")],
    )
    distribution = _bar(
        DISTRIBUTION,
        "Antal svar och vet ej",
        "Publicerade antal per område (med brus; se metodbeskrivningen).",
        _dimension("dist-area", f, "area_name"),
        [_measure(f"dist-{c}", f, c, "SUM") for c in ("n", "vet_ej")],
        [],
    )
    ranking = _table(
        RANKING,
        "Placering bland jämförbara kommuner (minst 100 svar)",
        [
            _dimension("rank-area", f, "area_name"),
            _dimension("rank-campaign", f, "campaign_name"),
            _dimension("rank-channel", f, "channel"),
            _dimension("rank-question", f, "question_label"),
        ],
        [_measure("rank-rank", f, "rank", "MIN"), _measure("rank-of", f, "rank_of", "MAX")],
    )
    trend_week = _line(
        TREND_WEEK,
        "Index per vecka",
        f"{BESIDE_NOTE} {HIDDEN_NOTE}",
        _dimension("trend-week-value", f, "value"),
        _ascending("trend-week-value"),
    )
    trend_month = _line(
        TREND_MONTH,
        "Index per månad",
        f"{BESIDE_NOTE} {HIDDEN_NOTE}",
        _dimension("trend-month-value", f, "value"),
        _ascending("trend-month-value"),
    )
    trend_campaign = _line(
        TREND_CAMPAIGN,
        "Index mätperiod för mätperiod",
        f"{BESIDE_NOTE} {HIDDEN_NOTE}",
        _dimension("trend-campaign-name", f, "campaign_name"),
        {
            "ColumnSort": {
                "SortBy": _column(f, "campaign_start"),
                "Direction": "ASC",
                "AggregationFunction": {
                    "AttributeAggregationFunction": {"SimpleAttributeAggregation": "UNIQUE_VALUE"}
                },
            }
        },
    )
    own_questions = _bar(
        OWN_QUESTIONS,
        "Kommunens egna frågor: fördelning av svaren",
        f"Andel (%) per svarsalternativ. {HIDDEN_NOTE}",
        _dimension("own-option", f, "value_label"),
        [_measure("own-share", f, "share", "AVERAGE")],
        [],
        _dimension("own-question", f, "question_label"),
    )
    errands = _bar(
        ERRANDS,
        "Index per ärendekategori: kommunen, kommungruppen och riket",
        HIDDEN_NOTE,
        _dimension("errand", f, "value_label"),
        [_measure("errand-index", f, "index", "AVERAGE")],
        [_dimension("errand-area", f, "area_name")],
        _dimension("errand-question", f, "question_label"),
    )
    errand_shares = _bar(
        ERRAND_SHARES,
        "Ärendekategorier: andel av svaren",
        f"{BESIDE_NOTE} {HIDDEN_NOTE}",
        _dimension("errand-kind", f, "value_label"),
        [_measure("errand-share", f, "share", "AVERAGE")],
        [_dimension("errand-share-area", f, "area_name")],
    )
    p = PARTICIPATION
    participation = _table(
        PARTICIPATION_TABLE,
        "Deltagande",
        [
            _dimension("p-area", p, "area_name"),
            _dimension("p-campaign", p, "campaign_name"),
            _dimension("p-channel", p, "channel"),
        ],
        [
            _measure("p-invitations", p, "invitations", "SUM"),
            _measure("p-answers", p, "answers", "SUM"),
            _measure("p-declines", p, "declines", "SUM"),
            _measure("p-rate", p, "response_rate", "AVERAGE"),
        ],
    )
    comments = {
        "TableVisual": {
            "VisualId": COMMENTS_TABLE,
            "Title": _label("Kommentarer (egen kommun, rensade från personuppgifter)"),
            "ChartConfiguration": {
                "FieldWells": {
                    "TableUnaggregatedFieldWells": {
                        "Values": [
                            {"FieldId": f"c-{name}", "Column": _column(COMMENTS, name)}
                            for name in ("released_on", "campaign", "channel", "errand", "text")
                        ]
                    }
                }
            },
        }
    }
    themes = _bar(
        COMMENT_THEMES,
        "Vad kommentarerna handlar om: andel per tema",
        "Andel (%) av de släppta kommentarerna som tar upp temat: kommunen, kommungruppen och "
        "riket. Teman räknas bara i släppta kommentarsomgångar; för få kommentarer visas inte.",
        _dimension("theme", THEMES, "theme_name"),
        [_measure("theme-share", THEMES, "share", "AVERAGE")],
        [_dimension("theme-area", THEMES, "area_name")],
    )
    within_campaign = [v for v in FIGURE_VISUALS if v != TREND_CAMPAIGN] + [COMMENT_THEMES]
    return {
        "DataSetIdentifierDeclarations": [
            {"Identifier": name, "DataSetArn": analytics.datasets[name].attr_arn}
            for name in (FIGURES, PARTICIPATION, COMMENTS, THEMES)
        ],
        "Sheets": [
            {
                "SheetId": SHEET,
                "Name": "Resultat",
                "FilterControls": [
                    {
                        "Dropdown": {
                            "FilterControlId": "campaign-picker",
                            "SourceFilterId": CAMPAIGN_FILTER,
                            "Title": "Mätperiod",
                            "Type": "SINGLE_SELECT",
                        }
                    }
                ],
                "Visuals": [
                    comparison,
                    trend_week,
                    trend_month,
                    trend_campaign,
                    own_questions,
                    errands,
                    errand_shares,
                    ranking,
                    distribution,
                    participation,
                    themes,
                    comments,
                ],
            }
        ],
        "FilterGroups": [
            _flag("shown", f, "suppressed", 0, FIGURE_VISUALS),
            _flag("p-shown", p, "suppressed", 0, [PARTICIPATION_TABLE]),
            _flag("t-shown", THEMES, "suppressed", 0, [COMMENT_THEMES]),
            _filter(
                "themes-only", THEMES, "theme", [ALL_COMMENTS], [COMMENT_THEMES], "DOES_NOT_CONTAIN"
            ),
            _campaign_filter(within_campaign),
            _filter(
                "totals",
                f,
                "breakdown",
                ["total"],
                [COMPARISON, DISTRIBUTION, RANKING, TREND_CAMPAIGN],
            ),
            _filter("weeks", f, "breakdown", ["week"], [TREND_WEEK]),
            _filter("months", f, "breakdown", ["month"], [TREND_MONTH]),
            _filter("errand-kinds", f, "breakdown", ["errand"], [ERRANDS]),
            _filter("options", f, "breakdown", ["option"], [OWN_QUESTIONS, ERRAND_SHARES]),
            _filter("errand-question", f, "question", [ERRAND_QUESTION], [ERRAND_SHARES]),
            _filter(
                "own-choice", f, "question", [ERRAND_QUESTION], [OWN_QUESTIONS], "DOES_NOT_CONTAIN"
            ),
            _filter("own", f, "scope", [KOMMUN], [RANKING, OWN_QUESTIONS]),
            _flag("comparable", f, "comparable", 1, [RANKING]),
        ],
    }
