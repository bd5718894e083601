"""The monitoring page, the reviewer's alerts and the links partial, on hand-computed lights.

业务宣传活动（场次） has 年度指标值 ≥ 21 场. Reported 3 场 by the end of June, the 序时目标 is
21 × 6 / 12 = 10.5 场 and r = 3 ÷ 10.5 = 28.6 % < 60 % → red. The department executed
3,000 of 6,340.07 万元: 执行率 47.32 %, ÷ 序时进度 50 % = 94.6 % ≥ 80 % → green.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from django.template.loader import render_to_string

from jixiao.actuals import (
    Actuals,
    BudgetExecution,
    DeviationReason,
    IndicatorActual,
    Period,
)
from tests.web.conftest import Declare, World
from tests.web.monitoring.conftest import PUBLICITY, Approve, client_for
from web.declarations.models import Declaration
from web.monitoring.services import NEW, save_actuals

JUNE, MARCH = Period(2025, 6), Period(2025, 3)


def report_publicity(declaration: Declaration, world: World, **kwargs: object) -> None:
    actual = IndicatorActual(PUBLICITY, completed=Decimal(3), **kwargs)  # type: ignore[arg-type]
    actuals = Actuals(JUNE, [actual], [BudgetExecution("", Decimal(3000))])
    save_actuals(world.officer, declaration, JUNE, actuals, NEW)


def row_of(html: str, testid: str, path: str) -> str:
    match = re.search(rf'<tr data-testid="{testid}" data-path="{path}".*?</tr>', html, re.S)
    assert match, path
    return match.group(0)


def test_far_below_the_time_proportional_target_is_red(world: World, approve: Approve) -> None:
    declaration = approve()
    report_publicity(declaration, world)
    response = client_for(world.reviewer).get(f"/declarations/{declaration.pk}/monitoring/")
    assert response.status_code == 200
    html = response.content.decode()
    row = row_of(html, "indicator-light-row", PUBLICITY)
    assert 'data-light="red"' in row
    assert "序时目标 10.5 场 (21×6/12) = 28.6 % → 红" in row
    assert 'data-testid="reason-missing"' in row
    budget = row_of(html, "budget-light-row", "")
    assert 'data-light="green"' in budget
    assert "47.32%" in budget and "94.6%" in budget
    assert (
        'data-testid="light" data-light="red"' in html.split('data-testid="monitoring-summary"')[1]
    )


def test_a_reason_given_is_shown_instead_of_the_missing_flag(
    world: World, approve: Approve
) -> None:
    declaration = approve()
    report_publicity(
        declaration, world, reasons=(DeviationReason.FUNDING,), reason_text="宣传经费下半年到位"
    )
    html = client_for(world.officer).get(f"/declarations/{declaration.pk}/monitoring/").content
    row = row_of(html.decode(), "indicator-light-row", PUBLICITY)
    assert "经费保障：宣传经费下半年到位" in row
    assert "reason-missing" not in row


def test_the_page_shows_who_changed_what(world: World, approve: Approve) -> None:
    declaration = approve()
    report_publicity(declaration, world)
    actuals = Actuals(JUNE, [IndicatorActual(PUBLICITY, completed=Decimal(9))], [])
    save_actuals(world.admin, declaration, JUNE, actuals, 1, reason="核对台账后更正")
    html = client_for(world.reviewer).get(f"/declarations/{declaration.pk}/monitoring/").content
    history = html.decode().split('data-testid="actuals-history"')[1]
    assert "第 2 版" in history and "管理员" in history and "核对台账后更正" in history
    assert "业务宣传活动（场次） · 累计完成值：3 → 9" in history
    assert "部门整体 · 累计执行数（万元）：3000 → （空）" in history


def test_the_chart_has_every_report_against_the_time_proportional_line(
    world: World, approve: Approve
) -> None:
    declaration = approve()
    save_actuals(
        world.officer,
        declaration,
        MARCH,
        Actuals(MARCH, [], [BudgetExecution("", Decimal(1200))]),
        NEW,
    )
    report_publicity(declaration, world)
    html = client_for(world.officer).get(f"/declarations/{declaration.pk}/monitoring/").content
    match = re.search(
        r'<script id="execution-data" type="application/json">(.*?)</script>', html.decode()
    )
    assert match
    chart = json.loads(match.group(1))
    department = chart["series"][0]
    assert department["budget"] == 6340.07
    assert department["executed"][:6] == [None, None, 1200.0, None, None, 3000.0]
    assert department["schedule"][5] == 3170.04  # 6,340.07 × 6 / 12, to 0.01 万元
    assert department["schedule"][11] == 6340.07
    assert "jixiao/vendor/chart.umd.min.js" in html.decode()
    assert "cdn" not in html.decode().lower()


def test_an_earlier_period_can_be_chosen(world: World, approve: Approve) -> None:
    declaration = approve()
    save_actuals(
        world.officer,
        declaration,
        MARCH,
        Actuals(MARCH, [IndicatorActual(PUBLICITY, completed=Decimal(5))]),
        NEW,
    )
    report_publicity(declaration, world)
    client = client_for(world.officer)
    html = client.get(f"/declarations/{declaration.pk}/monitoring/?year=2025&month=3").content
    row = row_of(html.decode(), "indicator-light-row", PUBLICITY)
    # 5 ÷ (21 × 3 / 12 = 5.25) = 95.2 % → green
    assert 'data-light="green"' in row
    missing = client.get(f"/declarations/{declaration.pk}/monitoring/?year=2025&month=5")
    assert missing.status_code == 400


def test_alerts_list_the_red_item_for_the_bureau_reviewer_only(
    world: World, approve: Approve
) -> None:
    declaration = approve()
    report_publicity(declaration, world)
    html = client_for(world.reviewer).get("/monitoring/alerts/").content.decode()
    rows = re.findall(r'<tr data-testid="alert-row".*?</tr>', html, re.S)
    assert len(rows) == 1
    (row,) = rows
    assert f'data-light="red" data-declaration="{declaration.pk}" data-path="{PUBLICITY}"' in row
    assert "广州市天河区司法局" in row and "业务宣传活动（场次）" in row
    assert "28.6 % → 红" in row and 'data-testid="reason-missing"' in row
    for persona in ("other_reviewer", "other_officer", "city_reviewer", "outsider"):
        other = client_for(getattr(world, persona)).get("/monitoring/alerts/").content.decode()
        assert 'data-testid="alert-row"' not in other, persona
        assert 'data-testid="no-alerts"' in other, persona
    officer = client_for(world.officer).get("/monitoring/alerts/").content.decode()
    assert officer.count('data-testid="alert-row"') == 1


def test_alerts_filter_by_light_and_department(
    world: World, approve: Approve, declare: Declare
) -> None:
    declaration = approve()
    report_publicity(declaration, world)
    client = client_for(world.admin)
    assert (
        client.get("/monitoring/alerts/?light=red")
        .content.decode()
        .count('data-testid="alert-row"')
        == 1
    )
    yellow = client.get("/monitoring/alerts/?light=yellow").content.decode()
    assert 'data-testid="alert-row"' not in yellow
    other = client.get("/monitoring/alerts/?department=广州市越秀区司法局").content.decode()
    assert 'data-testid="alert-row"' not in other


def test_declaration_links_partial(world: World, approve: Approve, declare: Declare) -> None:
    approved = approve()
    officer = render_to_string(
        "monitoring/_declaration_links.html", {"declaration": approved, "user": world.officer}
    )
    assert f'href="/declarations/{approved.pk}/actuals/"' in officer
    assert f'href="/declarations/{approved.pk}/monitoring/"' in officer
    reviewer = render_to_string(
        "monitoring/_declaration_links.html", {"declaration": approved, "user": world.reviewer}
    )
    assert "/actuals/" not in reviewer and f"/declarations/{approved.pk}/evaluation/" in reviewer
    draft = render_to_string(
        "monitoring/_declaration_links.html", {"declaration": declare(), "user": world.officer}
    )
    assert 'data-testid="monitoring-not-open"' in draft and "/actuals/" not in draft


def test_alerts_cost_the_same_queries_for_one_or_two_reported_declarations(
    world: World, approve: Approve
) -> None:
    """No query per declaration: latest reports and settings are read for all at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from web.monitoring.alerts import collect_alerts

    report_publicity(approve(), world)
    with CaptureQueriesContext(connection) as one:
        assert len(collect_alerts(world.admin)) == 1
    report_publicity(approve(), world)
    with CaptureQueriesContext(connection) as two:
        assert len(collect_alerts(world.admin)) == 2
    assert len(two.captured_queries) == len(one.captured_queries)
