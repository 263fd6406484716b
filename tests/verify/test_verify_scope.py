"""Which values a link is checked at: block bindings, earlier values, conditions, 0 log 0."""

from __future__ import annotations

from verify_docs import statuses

from derivetex.verify import audit_text

EXAMPLE = (
    "$$\nE = - \\sum_{k=1}^{2} t_{k} \\ln y_{k}\n$$\n\n"
    "$$\n\\begin{aligned}\n"
    "E &= - (t_{1} \\ln y_{1} + t_{2} \\ln y_{2}) \\\\\n"
    "&= - (1 \\cdot \\ln 0.8 + 0 \\cdot \\ln 0.2) \\\\\n"
    "&= 0.223144\n\\end{aligned}\n$$\n\n"
)


def test_a_claim_in_a_later_block_uses_the_earlier_values() -> None:
    report = audit_text(EXAMPLE + "So $E = 0.223144$.\n", "md")
    assert statuses(report)[-1] == (13, "ok")
    assert "t_{1} = 1" in report.findings[-1].message


def test_a_wrong_claim_in_a_later_block_is_diagnosed() -> None:
    report = audit_text(EXAMPLE + "So $E = -0.096910$.\n", "md")
    last = report.findings[-1]
    assert last.status == "error"
    assert last.diagnosis is not None and "base-10" in last.diagnosis


def test_a_general_equation_in_a_later_block_is_not_checked_at_the_values() -> None:
    # true at t = (1, 0) but not in general: a lone equation (a condition), never "ok"
    general = "$$\n- \\sum_{k=1}^{2} t_{k} \\ln y_{k} = - \\ln y_{1}\n$$\n"
    report = audit_text(EXAMPLE + general, "md")
    assert statuses(report)[-1] == (14, "unchecked")
    assert report.findings[-1].reason in ("equation", "undefined")
    # claimed as a step of a chain it is still not an error: t_1, t_2 vanish from one side and
    # are defined nowhere, so the step may use the example's values
    chained = "$$\nE = - \\sum_{k=1}^{2} t_{k} \\ln y_{k} = - \\ln y_{1}\n$$\n"
    report = audit_text(EXAMPLE + chained, "md")
    assert statuses(report)[-1] == (14, "unchecked")
    # but a step whose names are all on both sides is: -(t_1 ln y_1 + t_2 ln y_2) is not its double
    doubled = (
        "$$\nE = - \\sum_{k=1}^{2} t_{k} \\ln y_{k} = - 2 (t_{1} \\ln y_{1} + t_{2} \\ln y_{2})"
        "\n$$\n"
    )
    report = audit_text(EXAMPLE + doubled, "md")
    assert statuses(report)[-1] == (14, "error")


def test_a_later_binding_replaces_an_earlier_one() -> None:
    again = EXAMPLE.replace("0.8", "0.5").replace("0.2)", "0.5)").replace("0.223144", "0.693147")
    report = audit_text(EXAMPLE + again + "So $E = 0.693147$.\n", "md")
    assert {f.status for f in report.findings} == {"ok"}, report.findings


def test_a_number_facing_an_expression_uses_the_earlier_values() -> None:
    report = audit_text(EXAMPLE + "$$\nE = - \\ln 0.8\n$$\n", "md")
    assert statuses(report)[-1] == (14, "ok")


def test_without_earlier_values_a_later_claim_stays_unchecked() -> None:
    report = audit_text("$$\nE = - \\sum_{k=1}^{2} t_{k} \\ln y_{k}\n$$\n\n$E = 1.5$\n", "md")
    assert statuses(report)[-1] == (5, "unchecked")


def test_zero_log_zero_is_zero() -> None:
    document = (
        "$$\n\\begin{aligned}\n"
        "E &= - (t_{1} \\ln y_{1} + t_{2} \\ln y_{2}) \\\\\n"
        "&= - (0 \\cdot \\ln 0 + 1 \\cdot \\ln 0.5) \\\\\n"
        "&= 0.693147\n\\end{aligned}\n$$\n\n"
        "$0 \\cdot \\log 0 = 0$, but $\\log 0 = 0$ has no value.\n"
    )
    assert statuses(audit_text(document, "md")) == [
        (3, "ok"),
        (4, "ok"),
        (5, "ok"),
        (9, "ok"),
        (9, "unchecked"),
    ]


def test_a_condition_is_checked_against_the_values_the_document_gives() -> None:
    met = audit_text("Terms with $t_{k} = 0$ vanish.\n\n" + EXAMPLE, "md")
    assert met.findings[0].status == "ok" and "t_{2} = 0" in met.findings[0].message
    unmet = audit_text("Terms with $t_{k} = 0.5$ vanish.\n\n" + EXAMPLE, "md")
    assert unmet.findings[0].status == "unchecked"
    alone = audit_text("Terms with $t_{k} = 0$ vanish.\n", "md")
    assert statuses(alone) == [(1, "unchecked")]


def test_partial_does_not_start_a_tex_section() -> None:
    """``\\partial`` begins with ``\\part``; only the sectioning command itself scopes names."""
    tex = (
        "\\part{One}\n\\begin{equation*}\nE = x^{2}\n\\end{equation*}\n"
        "\\begin{equation*}\n\\frac{\\partial E}{\\partial x} = 2 x\n\\end{equation*}\n"
    )
    assert [f.status for f in audit_text(tex, "tex").findings] == ["ok", "ok"]
    sectioned = tex.replace("\\begin{equation*}\n\\frac", "\\part{Two}\n\\begin{equation*}\n\\frac")
    assert "earlier section" not in audit_text(tex, "tex").findings[1].message
    findings = audit_text(sectioned, "tex").findings  # E comes from the sibling part before
    assert [f.status for f in findings] == ["ok", "ok"]
    assert "earlier section" in findings[1].message
