"""Alert rules stored in the workspace: a KPI with its selectors and a condition, evaluated on
the last complete period of its grain (``below_pace``: the period running now, to date).

Conditions: ``below`` / ``above`` a value; ``below_target`` by more than a margin (%);
``off_benchmark`` (on the worse side of the KPI's benchmark); ``change_previous`` /
``change_year`` (worse by more than a margin, %, against the previous period or the same
period a year earlier); ``outside_expected`` (outside the range its own history predicts, see
``insights.baseline``); ``below_pace`` (attainment to date behind the share of the period
gone by more than a margin, points); ``coverage_below`` (``pipeline_coverage`` only: open
pipeline due next quarter over next quarter's quota)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.access import store
from salesmetrics.errors import UnknownNameError, UserError

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

PREFIX = "insights.alert."
CONDITIONS = {
    "below": "the value is below {value:g}",
    "above": "the value is above {value:g}",
    "below_target": "the value misses its target by more than {value:g} %",
    "off_benchmark": "the value is on the worse side of its benchmark",
    "change_previous": "the value got worse by more than {value:g} % against the previous period",
    "change_year": "the value got worse by more than {value:g} % against a year earlier",
    "outside_expected": "the value is outside the range its own history predicts",
    "below_pace": "attainment to date is more than {value:g} points behind the time gone",
    "coverage_below": "open pipeline due next quarter covers less than {value:g}x its quota",
}
NEEDS_VALUE = ("below", "above", "below_target", "change_previous", "change_year",
               "below_pace", "coverage_below")  # fmt: skip
GRAINS = ("week", "month", "quarter", "year")
#: metrics that are not catalog KPIs but can be watched
METRICS = ("pipeline_coverage",)


@dataclass(frozen=True)
class Rule:
    id: str
    kpi: str
    condition: str
    value: float | None = None
    grain: str = "month"
    by: tuple[str, ...] = ()
    where: dict[str, list[str]] = field(default_factory=dict)
    note: str = ""
    enabled: bool = True
    created_at: str = ""

    def describe(self) -> str:
        text = CONDITIONS[self.condition].format(value=self.value or 0)
        scope = f" by {', '.join(self.by)}" if self.by else ""
        where = "".join(f", {d} = {'/'.join(v)}" for d, v in self.where.items())
        return f"{self.kpi}{scope}{where} per {self.grain}: alert when {text}"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "by": list(self.by), "description": self.describe()}


def _check(ws: Workspace, rule: Rule) -> Rule:
    from salesmetrics.engine import kpi_of

    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", rule.id):
        raise UserError(f"Alert id {rule.id!r}: use 1-64 lower-case letters, digits, _ and -.")
    if rule.condition not in CONDITIONS:
        raise UnknownNameError("condition", rule.condition, CONDITIONS)
    if rule.grain not in GRAINS:
        raise UnknownNameError("grain", rule.grain, GRAINS)
    if rule.condition in NEEDS_VALUE and rule.value is None:
        raise UserError(f"Condition {rule.condition} needs --value.")
    if (rule.kpi in METRICS) != (rule.condition == "coverage_below"):
        raise UserError("coverage_below watches pipeline_coverage, and pipeline_coverage only "
                        "takes coverage_below.")  # fmt: skip
    if rule.kpi not in METRICS:
        kpi = kpi_of(ws, rule.kpi)
        for dim in [*rule.by, *rule.where]:
            if dim not in kpi.dimensions:
                raise UserError(f"{kpi.id} cannot be split by {dim}; its dimensions: "
                                f"{', '.join(kpi.dimensions) or 'none'}.")  # fmt: skip
        if rule.condition == "below_pace" and kpi.id != "quota_attainment":
            raise UserError("below_pace watches quota_attainment.")
        return Rule(**{**asdict(rule), "kpi": kpi.id, "by": tuple(rule.by)})
    return rule


def add_rule(ws: Workspace, rule: Rule) -> Rule:
    """Check and store a rule (refused when its id exists)."""
    checked = _check(ws, rule)
    held = store.get(ws.backend, PREFIX + checked.id)
    if held is not None and not held.get("removed"):
        raise UserError(f"An alert {checked.id!r} exists; remove it first or pick another id.")
    stamped = Rule(**{**asdict(checked), "created_at": _now()})
    store.put(ws.backend, PREFIX + stamped.id, {**asdict(stamped), "by": list(stamped.by)})
    return stamped


def remove_rule(ws: Workspace, rule_id: str) -> None:
    rules = {r.id: r for r in all_rules(ws)}
    if rule_id not in rules:
        raise UnknownNameError("alert", rule_id, rules)
    store.put(ws.backend, PREFIX + rule_id, {"removed": True})


def all_rules(ws: Workspace) -> list[Rule]:
    found = []
    for record in store.entries(ws.backend, PREFIX).values():
        if record.get("removed"):
            continue
        found.append(Rule(**{**record, "by": tuple(record.get("by", ()))}))
    return sorted(found, key=lambda r: r.id)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


#: created with every workspace (``salesmetrics alerts defaults`` adds them to an older one)
DEFAULT_RULES = (
    Rule("pipeline-coverage", "pipeline_coverage", "coverage_below", 3.0, "quarter",
         note="Open pipeline due next quarter should cover its quota about 3x."),
    Rule("win-rate-unusual", "win_rate", "outside_expected", None, "month",
         note="Win rate outside what its own history makes expected."),
    Rule("lead-response-slow", "lead_response_hours", "above", 24.0, "month",
         note="Leads answered later than a day convert far worse."),
    Rule("churn-unusual", "customer_churn_rate", "outside_expected", None, "quarter",
         note="Customer churn outside what its own history makes expected."),
    Rule("overdue-tasks-rising", "overdue_tasks", "change_previous", 25.0, "month",
         note="Open tasks past due rising fast: follow-ups are slipping."),
    Rule("reps-below-pace", "quota_attainment", "below_pace", 25.0, "quarter", ("rep",),
         note="Reps more than 25 points behind the share of the quarter gone."),
)  # fmt: skip


def add_defaults(ws: Workspace) -> list[Rule]:
    """Store the default rules the workspace does not hold yet; returns those added."""
    held = {r.id for r in all_rules(ws)}
    removed = set(store.entries(ws.backend, PREFIX)) - held
    return [add_rule(ws, r) for r in DEFAULT_RULES if r.id not in held | removed]
