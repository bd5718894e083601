"""Who may enter and see actuals: each persona × own or other department × draft or approved.

"Own" is a declaration of 广州市天河区司法局 (the officer's department, under the reviewer's
bureau), "other" one of 广州市越秀区司法局. Outcomes: ``ok``; ``403`` (sees it, may not enter
actuals); ``404`` (may not even see it); ``409`` (may enter actuals, but not before the
targets are approved).
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from jixiao.actuals import Actuals, IndicatorActual, Period
from tests.web.conftest import Declare, World
from tests.web.monitoring.conftest import PUBLICITY, approve_through_workflow, client_for
from web.declarations.errors import ActionNotPermittedError, NotVisibleError
from web.declarations.models import Declaration
from web.declarations.services import perform
from web.monitoring.errors import ActualsNotOpenError
from web.monitoring.models import ActualsReport
from web.monitoring.services import NEW, save_actuals, visible_reports
from web.workflow import Action, Status

JUNE = Period(2025, 6)

# persona -> state -> (own, other)
ENTER: dict[str, dict[str, tuple[str, str]]] = {
    "officer": {"draft": ("409", "404"), "approved": ("ok", "404")},
    "reviewer": {"draft": ("404", "404"), "approved": ("403", "404")},
    "outsider": {"draft": ("404", "404"), "approved": ("404", "404")},
    "admin": {"draft": ("409", "409"), "approved": ("ok", "ok")},
    "other_officer": {"draft": ("404", "409"), "approved": ("404", "ok")},
    "other_reviewer": {"draft": ("404", "404"), "approved": ("404", "403")},
}
CASES = [
    (persona, state, side)
    for persona, states in ENTER.items()
    for state, side in itertools.product(states, ["own", "other"])
]


def declaration_for(world: World, declare: Declare, state: str, side: str) -> Declaration:
    organisation = world.tianhe if side == "own" else world.yuexiu
    declaration = declare(organisation)
    return approve_through_workflow(declaration, world) if state == "approved" else declaration


def attempt(user: User, declaration: Declaration) -> str:
    """Enter one actual through the service and say how it went."""
    actuals = Actuals(JUNE, [IndicatorActual(PUBLICITY, completed=Decimal(3))])
    try:
        save_actuals(user, declaration, JUNE, actuals, NEW)
    except NotVisibleError:
        return "404"
    except ActionNotPermittedError:
        return "403"
    except ActualsNotOpenError:
        return "409"
    return "ok"


@pytest.mark.parametrize(("persona", "state", "side"), CASES)
def test_who_may_enter_actuals(
    world: World, declare: Declare, persona: str, state: str, side: str
) -> None:
    declaration = declaration_for(world, declare, state, side)
    expected = ENTER[persona][state][0 if side == "own" else 1]
    assert attempt(getattr(world, persona), declaration) == expected
    stored = ActualsReport.objects.filter(declaration=declaration).count()
    assert stored == (1 if expected == "ok" else 0)


@pytest.mark.parametrize(("persona", "state", "side"), CASES)
def test_the_actuals_page_answers_like_the_service(
    world: World, declare: Declare, persona: str, state: str, side: str
) -> None:
    declaration = declaration_for(world, declare, state, side)
    expected = ENTER[persona][state][0 if side == "own" else 1]
    response = client_for(getattr(world, persona)).get(f"/declarations/{declaration.pk}/actuals/")
    assert response.status_code == (200 if expected == "ok" else int(expected))


def test_refusals_are_explained_in_chinese(world: World, declare: Declare) -> None:
    draft = declare(world.tianhe)
    page = client_for(world.officer).get(f"/declarations/{draft.pk}/actuals/")
    assert "绩效目标批复后才能开展运行监控" in page.content.decode()
    approved = approve_through_workflow(declare(world.tianhe), world)
    page = client_for(world.reviewer).get(f"/declarations/{approved.pk}/actuals/")
    assert "您无权填报此申报的执行情况" in page.content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("officer", 200),
        ("reviewer", 200),
        ("admin", 200),
        ("other_officer", 404),
        ("other_reviewer", 404),
        ("city_reviewer", 404),
        ("outsider", 404),
    ],
)
def test_who_sees_the_monitoring_and_evaluation_pages(
    world: World, declare: Declare, persona: str, expected: int
) -> None:
    declaration = approve_through_workflow(declare(world.tianhe), world)
    save_actuals(
        world.officer,
        declaration,
        JUNE,
        Actuals(JUNE, [IndicatorActual(PUBLICITY, completed=Decimal(3))]),
        NEW,
    )
    client = client_for(getattr(world, persona))
    for page in ("monitoring", "evaluation"):
        response = client.get(f"/declarations/{declaration.pk}/{page}/")
        assert response.status_code == expected, page
    visible = visible_reports(getattr(world, persona)).count()
    assert visible == (1 if expected == 200 else 0)


def test_adjusting_closes_actuals_until_approved_again(world: World, declare: Declare) -> None:
    declaration = approve_through_workflow(declare(world.tianhe), world)
    assert attempt(world.officer, declaration) == "ok"
    perform(world.officer, declaration, Action.ADJUST, declaration.version)
    assert declaration.status == Status.ADJUSTING
    assert attempt(world.officer, declaration) == "409"
    monitoring = client_for(world.reviewer).get(f"/declarations/{declaration.pk}/monitoring/")
    assert monitoring.status_code == 200  # reports already made stay visible


def test_login_required(world: World, declare: Declare) -> None:
    declaration = approve_through_workflow(declare(world.tianhe), world)
    for url in (
        f"/declarations/{declaration.pk}/actuals/",
        f"/declarations/{declaration.pk}/monitoring/",
        f"/declarations/{declaration.pk}/evaluation/",
        "/monitoring/alerts/",
    ):
        response = client_for(world.officer).get(url)
        assert response.status_code == 200, url
        anonymous = client_for(world.officer)
        anonymous.logout()
        assert anonymous.get(url).status_code == 302, url
