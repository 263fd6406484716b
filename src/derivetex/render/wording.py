"""Everything derivetex says in words, one catalog per language.

Justifications are LaTeX rows shown between steps (the article's 「…」より rows); KaTeX in strict
mode rejects raw Japanese in math, so text sits in \\text{} and the circled number of 対数の公式①
is drawn per target (see README: renderer choices).
"""

from __future__ import annotations

from dataclasses import dataclass

CIRCLED = {
    # KaTeX (strict) and MathJax have no glyph for ①; a \bigcirc with a small digit renders in both.
    "web": r"{{\bigcirc\mkern-10.5mu{{\scriptstyle {n}}}\mkern4.5mu}}",
    # LuaLaTeX with luatexja: the Japanese font has the real glyph.
    "print": "{glyph}",
}
GLYPHS = {1: "①", 2: "②"}
JOIN = {"ja": r"\text{、}", "en": r"\text{, then }"}
"""Between the justifications of several rules in one row."""
UNITS = {None: "nats", 2: "bits", 10: "hartleys"}
"""The unit of E per log base, as JSON names it (natural log: nats)."""


@dataclass(frozen=True)
class Catalog:
    """The words of one language."""

    lang: str
    title: str
    intro: str
    verified_note: str
    """The footer of a document derivetex wrote whole."""
    verified_block_note: str
    """The footer of a derivation placed in someone's post: it vouches for the block only."""
    justifications: dict[str, str]
    leads: dict[str, str]
    legend: dict[str, str]
    units: dict[int | None, str]
    table_head: tuple[str, str, str, str]
    unnamed_class: str
    """The class column of a class without a label (no --labels): its index."""
    zero_log_note: str
    result: str
    rule_text: str
    series_title: str = ""
    series_intro: str = ""

    def unit(self, log_base: int | None) -> str:
        return self.units[log_base]

    def footer(self, standalone: bool) -> str:
        """What the closing line vouches for: the whole document, or only the block."""
        return self.verified_note if standalone else self.verified_block_note


JA = Catalog(
    lang="ja",
    title="多値分類の交差エントロピー（データ1件）",
    intro=(
        "1件の標本データに $K$ 個の分類が含まれるとき、モデルの予測値 $y_{k}$ と正解ラベル "
        "$t_{k}$ から尤度、対数尤度、交差エントロピーを導きます。"
    ),
    verified_note=(
        "この文書のすべての式変形は derivetex が記号計算と乱数点での数値計算の両方で検証しました。"
    ),
    verified_block_note=(
        "上の導出のすべての式変形は derivetex が記号計算と乱数点での数値計算の両方で検証しました"
        "（この導出の外の文章と式は検証の対象外です）。"
    ),
    justifications={
        "log_product": r"\text{対数の公式}{circle1}\text{「}{statement}\text{」より}",
        "log_power": r"\text{対数の公式}{circle2}\text{「}{statement}\text{」より}",
        "collect_sum": r"\text{和を }\textstyle\sum\text{ でまとめる}",
        "collect_product": r"\text{積を }\textstyle\prod\text{ でまとめる}",
        "substitute_values": r"{what}\ \text{に値を代入する}",
        "expand_sum": r"{bound} = {n}\ \text{として和を書き下す}",
        "power_identities": r"{statement}\ \text{より}",
        "zero_terms": r"{statement}\ \text{より}",
        "evaluate": r"\text{数値を計算する}",
        "log_quotient": r"\text{対数の公式「}{statement}\text{」より}",
        "log_exp": r"\text{対数の公式「}{statement}\text{」より}",
        "sum_linearity": r"\text{和の線形性「}{statement}\text{」より}",
        "use_definition": r"{name}\ \text{の定義より}",
        "recall_equation": r"\text{すでに示した式より}",
        "use_equation": r"\text{式 }{tag}\text{ より}",
        "write_out": r"\text{和を書き下す}",
        "fold_definition": r"{name}\ \text{の定義より}",
        "algebra": r"\text{分数の式を整理する}",
        "diff_linearity": r"\text{微分の線形性「}{statement}\text{」より}",
        "chain_rule": r"\text{連鎖律「}{statement}\text{」より}",
        "quotient_rule": r"\text{商の微分公式「}{statement}\text{」より}",
        "d_log": r"\text{対数の微分「}{statement}\text{」より}",
        "d_exp": r"\text{指数関数の微分「}{statement}\text{」より}",
        "d_index": r"{statement}\ \text{より}",
        "sum_delta": r"{statement}\ \text{より}",
        "sum_to_one": r"\text{正解ラベルの和「}{statement}\text{」より}",
        "expand_product": r"\text{かっこをはずす}",
        "mean": r"\text{平均 }{name}\text{ の定義より}",
        "power_rule": r"\text{べき乗の微分「}{statement}\text{」より}",
        "product_rule": r"\text{積の微分公式「}{statement}\text{」より}",
        "d_constant": r"\text{定数の微分「}{statement}\text{」より}",
        "diff_sum": r"\text{和の微分「}{statement}\text{」より}",
        "d_sigmoid": r"\text{シグモイド関数の微分「}{statement}\text{」より}",
        "d_tanh": r"\text{双曲線正接の微分「}{statement}\text{」より}",
        "set_derivative_zero": r"{tag}\ \text{を 0 とおいて }{name}\ \text{について解く}",
        "differentiate_again": r"\text{1 階微分（すでに示した式）をもう一度微分する}",
        "_default": r"{statement}\ \text{より}",
    },
    leads={
        "likelihood": (
            "予測値 $y_{k}$ と正解ラベル $t_{k}$ で、このモデルの予測が正解である確率 $L$ を"
            "あらわすと、"
        ),
        "log_likelihood": "さらに確率 $L$ に対数をとって 対数尤度 の式を整理すると",
        "log_likelihood_general": (
            "添え字 $1$ 〜 ${n}$ を $K$ に置き換えて $\\sum$ であらわすと、以下のようになります。"
        ),
        "log_likelihood_general.1": (
            "$k = 1$ から $K$ までの和 $\\sum$ であらわすと、以下のようになります。"
        ),
        "cross_entropy_definition": (
            "これが 対数尤度関数 となります。交差エントロピー $E$ は対数尤度関数にマイナスを"
            "つけたものなので、"
        ),
        "cross_entropy": "式 $({tag1})$ を代入すると、",
        "example_likelihood": "この例で、モデルが計算した予測値が正解である確率 $L$ は",
        "example_cross_entropy": (
            "式 $({tag2})$ の交差エントロピー関数 $E$ に同じデータをつかって、"
            "訓練データ1件ぶんの交差エントロピー誤差を計算すると"
        ),
    },
    legend={
        "K": r"K: \text{分類の数}",
        "t": r"t_{k}: \text{正解ラベル}",
        "y": r"y_{k}: \text{予測値}",
        "y_model": r"y_{k}: \text{モデルが計算した予測値}",
        "unit": r"\text{単位: {unit}（{log}）}",
    },
    units={None: "nat", 2: "bit", 10: "hartley"},
    table_head=("$k$", "分類", "予測値 $y_{k}$", "正解ラベル $t_{k}$"),
    unnamed_class="分類 {k}",
    zero_log_note="$y_{k} = 0$ かつ $t_{k} = 0$ の項は $0 \\cdot \\log 0 = 0$ とみなします。",
    result="訓練データ1件ぶんの交差エントロピー誤差は $E = {E}$（{unit}）です。",
    rule_text="{name}",
    series_title="交差エントロピーと尤度：シリーズ",
    series_intro=(
        "多値分類の交差エントロピーから、サイコロの尤度、二値分類、データ N 件、"
        "ソフトマックスの勾配、ガウス分布と平均二乗誤差まで。式の番号は部ごとにつけます。"
    ),
)

EN = Catalog(
    lang="en",
    title="Multiclass cross-entropy (one sample)",
    intro=(
        "For one sample with $K$ classes, we derive the likelihood, the log-likelihood and the "
        "cross-entropy from the model's predictions $y_{k}$ and the correct labels $t_{k}$."
    ),
    verified_note=(
        "Every step in this document was verified by derivetex, symbolically and numerically "
        "at random points."
    ),
    verified_block_note=(
        "Every step of the derivation above was verified by derivetex, symbolically and "
        "numerically at random points (the text and math outside it were not checked)."
    ),
    justifications={
        "log_product": r"\text{by log rule }{circle1}\text{: }{statement}",
        "log_power": r"\text{by log rule }{circle2}\text{: }{statement}",
        "collect_sum": r"\text{collect the terms into }\textstyle\sum",
        "collect_product": r"\text{collect the factors into }\textstyle\prod",
        "substitute_values": r"\text{substitute the values of }{what}",
        "expand_sum": r"\text{write the sum out for }{bound} = {n}",
        "power_identities": r"\text{by }{statement}",
        "zero_terms": r"\text{by }{statement}",
        "evaluate": r"\text{evaluate}",
        "log_quotient": r"\text{by the log rule }{statement}",
        "log_exp": r"\text{by the log rule }{statement}",
        "sum_linearity": r"\text{by linearity of the sum: }{statement}",
        "use_definition": r"\text{by the definition of }{name}",
        "recall_equation": r"\text{by the equation shown before}",
        "use_equation": r"\text{by }{tag}",
        "write_out": r"\text{write the sum out}",
        "fold_definition": r"\text{by the definition of }{name}",
        "algebra": r"\text{rearrange the fraction}",
        "diff_linearity": r"\text{by linearity of the derivative: }{statement}",
        "chain_rule": r"\text{by the chain rule: }{statement}",
        "quotient_rule": r"\text{by the quotient rule: }{statement}",
        "d_log": r"\text{by the derivative of the log: }{statement}",
        "d_exp": r"\text{by the derivative of the exponential: }{statement}",
        "d_index": r"\text{by }{statement}",
        "sum_delta": r"\text{by }{statement}",
        "sum_to_one": r"\text{the labels sum to one: }{statement}",
        "expand_product": r"\text{multiply out}",
        "mean": r"\text{by the definition of the mean }{name}",
        "power_rule": r"\text{by the power rule: }{statement}",
        "product_rule": r"\text{by the product rule: }{statement}",
        "d_constant": r"\text{a constant's derivative: }{statement}",
        "diff_sum": r"\text{differentiate under the sum: }{statement}",
        "d_sigmoid": r"\text{by the derivative of the sigmoid: }{statement}",
        "d_tanh": r"\text{by the derivative of }\tanh\text{: }{statement}",
        "set_derivative_zero": r"\text{set }{tag}\text{ to zero and solve for }{name}",
        "differentiate_again": r"\text{differentiate the first derivative (shown before) again}",
        "_default": r"\text{by }{statement}",
    },
    leads={
        "likelihood": (
            "Writing the probability $L$ that the model's prediction is correct with the "
            "predictions $y_{k}$ and the labels $t_{k}$:"
        ),
        "log_likelihood": "Taking the logarithm of $L$ gives the log-likelihood:",
        "log_likelihood_general": (
            "Replacing the indices $1$ to ${n}$ by $K$ and writing the sum with $\\sum$:"
        ),
        "log_likelihood_general.1": "Writing it as a sum $\\sum$ over $k = 1$ to $K$:",
        "cross_entropy_definition": (
            "This is the log-likelihood function. The cross-entropy $E$ is the log-likelihood "
            "with a minus sign:"
        ),
        "cross_entropy": "Substituting equation $({tag1})$:",
        "example_likelihood": (
            "For the example, the probability $L$ that the model's predictions are correct is"
        ),
        "example_cross_entropy": (
            "Using the same data in the cross-entropy function $E$ of equation $({tag2})$, the "
            "cross-entropy error of one training sample is"
        ),
    },
    legend={
        "K": r"K: \text{number of classes}",
        "t": r"t_{k}: \text{correct label}",
        "y": r"y_{k}: \text{prediction}",
        "y_model": r"y_{k}: \text{prediction computed by the model}",
        "unit": r"\text{unit: {unit} ({log})}",
    },
    units=UNITS,
    table_head=("$k$", "class", "prediction $y_{k}$", "label $t_{k}$"),
    unnamed_class="class {k}",
    zero_log_note="Terms with $y_{k} = 0$ and $t_{k} = 0$ are taken as $0 \\cdot \\log 0 = 0$.",
    result="The cross-entropy error of this training sample is $E = {E}$ ({unit}).",
    rule_text="{name}",
    series_title="Cross-entropy and likelihood: the series",
    series_intro=(
        "From the multiclass cross-entropy to the likelihood of a die, binary classification, "
        "N samples, the softmax gradient, and the Gaussian likelihood with the mean squared "
        "error. Equations are numbered per part."
    ),
)

CATALOGS = {"ja": JA, "en": EN}
LOG_NAMES = {
    "ja": {None: "自然対数", 2: "底 2 の対数", 10: "常用対数"},
    "en": {None: "natural log", 2: "log base 2", 10: "log base 10"},
}


def circled(n: int, target: str) -> str:
    """The circled number n, drawn so the target's renderer accepts it."""
    return CIRCLED[target].format(n=n, glyph=GLYPHS[n])


def fill(template: str, **values: object) -> str:
    """Replace `{name}` placeholders only; LaTeX's own braces are left alone."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template
