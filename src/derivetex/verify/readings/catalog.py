"""The registered readings. Codes are stable: a code is never reused for another reading.

Families: ``link`` (what kind of link a row is), ``number`` (how a number is judged),
``size`` (symbolic bounds), ``function`` (names read as functions), ``section`` (what other
links of the document may lend a link), ``notation`` (another reading of ambiguous
notation), ``macro`` (a shorthand macro the document uses without defining). ``measured``
says where a reading that accuses was measured; every reading here
that accuses predates the registry and was measured on ``../shared/corpus/verify-real/``
(stops 13 to 16) and, unseen, on ``verify-real-2/``.
"""

from __future__ import annotations

from derivetex.verify.readings.record import ReadingRecord as R

_BEFORE = (
    "verify-real/ (30 documents, stops 13-16) and verify-real-2/ (30 unseen documents, "
    "issue 18), as a reading that predates the registry"
)

_LAGRANGIAN = (
    "$$ J = \\lambda (1 - \\sum_{k=1}^{K} \\theta_{k}) + \\sum_{k=1}^{K} n_{k} \\log "
    "\\theta_{k} $$\n\n"
)
_STATIONARY = (
    "$$ \\theta_{j} = \\frac{n_{j}}{\\lambda} $$\n\n"
    "$$ \\frac{\\partial}{\\partial \\lambda} \\sum_{k=1}^{K} n_{k} \\log \\theta_{k} + "
    "1 - \\sum_{k=1}^{K} \\theta_{k} = 1 - \\sum_{k=1}^{K} \\theta_{k} $$\n"
)

_CLASSES = "$$ H(y, \\hat{y}) = -\\sum_{i=0}^{1} y_{i} \\log \\hat{y}_{i} = "

DEFINITION = R(
    "R001", "definition", "link",
    "the first link of a chain whose left side is a name not on its right defines the name",
    "$$ L = (y - t)^2 $$\n", "$$ i = j $$\n", accuses=True, measured=_BEFORE,
)
IDENTITY = R(
    "R002", "identity_at_points", "link",
    "both sides, definitions put in, compared symbolically and at random positive points "
    "(each symbolic bound at 1..6)",
    "$$ (x + 1)^2 = x^2 + 2x + 1 $$\n", "$$ L = (y - t)^2 $$\n", accuses=True, measured=_BEFORE,
)
NUMERIC_CLAIM = R(
    "R003", "claim_at_precision_shown", "number",
    "a decimal claimed for a value is right when the exact value rounds to it at the decimals "
    "shown (truncated when \\ldots follows)",
    "$$ -\\ln 0.5 = 0.693 $$\n", "$$ (x + 1)^2 = x^2 + 2x + 1 $$\n",
    accuses=True, measured=_BEFORE,
)
RESTATEMENT = R(
    "R009", "restatement", "link",
    "a name defined again with the same names on its right (L = -\\log p, later L = \\log p) "
    "restates its definition: a right side that differs from the first is a slip, not a new "
    "meaning (one with other names is a new definition)",
    "$$ L = -\\log p $$\n\n$$ L = \\log p $$\n",
    "$$ L = -\\log p $$\n\n$$ L = -\\log q + 1 $$\n",
)
UPDATE = R(
    "R004", "update", "link",
    "a name opening a chain that is also on the right (t = t + 1, w = w - \\alpha v) is an "
    "update, not an identity",
    "$$ t = t + 1 $$\n", "$$ t = s + 1 $$\n",
)
FACT = R(
    "R005", "stated_fact", "link",
    "\\sum_k t_k = 1 stated is a fact of the section: random points then satisfy it",
    "$$ \\sum_k t_k = 1 $$\n", "$$ \\sum_k t_k = t_1 + t_2 $$\n",
    accuses=True, measured=_BEFORE,
)
ORDER_TERM = R(
    "R006", "order_term", "link",
    "a side with + O(\\cdot) is an expansion up to an order, neither an identity nor a definition",
    "$$ e^x = 1 + x + O(x^2) $$\n", "$$ e^x = 1 + x $$\n",
)
EQUATION = R(
    "R007", "lone_equation", "link",
    "a lone equation (not in a chain, no derivative written) is a condition to solve; the "
    "next one is ok when it rearranges it",
    "$$ x^2 - 1 = 2x $$\n\n$$ x^2 = 2x + 1 $$\n", "$$ x^2 - 1 = (x - 1)(x + 1) $$\n",
)
SUBSTITUTION = R(
    "R008", "substitution", "link",
    "a link whose right side is its left with numbers written for names gives those names "
    "their values for the block",
    "$$ x^2 + y = 3^2 + 1 = 10 $$\n", "$$ x^2 + y = y + x^2 $$\n",
    accuses=True, measured=_BEFORE,
)
BITS = R(
    "R101", "bare_log_in_bits", "number",
    "in a document that states base 2 (writes log_2, says all logarithms are to the base 2, or "
    "gives a value in bits), a bare log that fails as natural but holds as log_2 is read in "
    "base 2; the word bits alone is no convention, and \\ln is never re-based (a guess made "
    "only with no log-base in the settings: log-base = 2 reads every bare log as log_2)",
    "All logarithms are to the base 2.\n\n$$ -\\log 0.5 = 1 $$\n",
    "Entropy in nats:\n\n$$ -\\log 0.5 = 1 $$\n",
)
LG = R(
    "R102", "lg_either_base", "number",
    "\\lg is log_2 or log_10: a number is right when it holds in either base, an error only "
    "when it holds in neither",
    "$$ \\lg 8 = 3 $$\n", "$$ \\log_2 8 = 3 $$\n", accuses=True, measured=_BEFORE,
)
ROUNDED_SIDES = R(
    "R103", "rounded_operands", "number",
    "a decimal with 3+ significant digits written on a side may itself be rounded: a link "
    "holds within what that rounding can move it",
    "$$ \\frac{1.386}{2} = 0.693 $$\n", "$$ \\frac{1}{2} = 0.5 $$\n",
    accuses=True, measured=_BEFORE,
)
EARLIER_VALUES = R(
    "R104", "earlier_values_in_claims", "number",
    "a number claimed for an expression in names given values in earlier blocks of the "
    "section is judged at those values; = 0 so is a condition to solve, never an error",
    "$$ a = 2 $$\n\n$$ a^2 + 1 = 5 $$\n", "$$ a^2 + 1 = 5 $$\n", accuses=True, measured=_BEFORE,
)
EARLIER_SIDES = R(
    "R108", "earlier_values_between_sides", "number",
    "a number on one side and names with values from earlier blocks on the other: equal at "
    "those values (never an error: the values may belong to another example)",
    "$$ a = 2 $$\n\n$$ a^2 + 1 = 4 + 1 $$\n", "$$ a^2 + 1 = 4 + 1 $$\n",
)
DEVIATION = R(
    "R105", "variance_gives_deviation", "number",
    "\\sigma^2 = 4 opening a chain, \\sigma not yet given: a variance, so \\sigma = 2",
    "$$ \\sigma^2 = 4 $$\n", "$$ x^2 = 4 $$\n",
    accuses=True, measured=_BEFORE,
)
NAMED_IN_CHAIN = R(
    "R106", "name_in_chain_takes_value", "number",
    "a name later in a chain with no value yet takes the number the chain ends with "
    "(\\sigma_1 = \\sigma_2 = 1)",
    "$$ \\sigma_1 = \\sigma_2 = 1 $$\n", "$$ \\sigma_1 = 2 - 1 = 1 $$\n",
    accuses=True, measured=_BEFORE,
)
EVENT_VALUE = R(
    "R107", "value_of_a_term", "number",
    "an undefined function at a point or event opening a chain (P(X=0) = 0.4 + 0.1) gives "
    "that term a value for the section",
    "$$ P(X=0) = 0.4 + 0.1 $$\n", "$$ P(x) = x + 1 $$\n",
    accuses=True, measured=_BEFORE,
)
ONE_SIZED = R(
    "R201", "one_size_proves_nothing", "size",
    "a step between general expressions that holds only where a bound both sides use is 1 "
    "(a dropped 1/N) is not taken as fixing that bound",
    "$$ \\frac{1}{N} \\sum_{n=1}^{N} x_n = \\frac{1}{N} \\sum_{n=1}^{N} x_n "
    "= \\sum_{n=1}^{N} x_n $$\n",
    "$$ \\sum_{k=1}^{K} x_k = x_1 $$\n", accuses=True, measured=_BEFORE,
)
INSTANCE = R(
    "R202", "instance_fixes_size", "size",
    "a side written out for one size against the general sum holds for that size, used from "
    "there on in the block",
    "$$ \\sum_{k=1}^{K} x_k = x_1 $$\n",
    "$$ \\sum_{k=1}^{K} 2 x_k = 2 \\sum_{k=1}^{K} x_k $$\n",
    accuses=True, measured=_BEFORE,
)
NORMALISED = R(
    "R203", "normalised_by_a_fact", "size",
    "a link that holds only once \\sum_i y_i = 1 is unchecked unless the section states it "
    "(random points then satisfy it)",
    "$$ r = p \\sum_k t_k - p = p - p $$\n",
    "$$ r = p \\sum_k t_k - p = p (\\sum_k t_k - 1) $$\n",
)
INDEX_CASE = R(
    "R204", "index_case", "size",
    "a step that holds whenever its index letters differ (or coincide) and fails otherwise "
    "is a case stated in prose: unchecked, never an error",
    "$$ \\frac{\\partial}{\\partial z_j} \\frac{e^{z_i}}{\\sum_k e^{z_k}} = "
    "- \\frac{e^{z_i}}{\\sum_k e^{z_k}} \\frac{e^{z_j}}{\\sum_k e^{z_k}} $$\n",
    "$$ \\frac{\\partial}{\\partial z_i} e^{z_i} = e^{z_i} $$\n",
)
BARE_FUNCTION = R(
    "R301", "bare_function", "function",
    "a function written without its arguments (J for J(w) as the section defines it); from "
    "a definition it only confirms, unless the link differentiates by its parameters",
    "$$ J(w) = w^2 + 1 $$\n\n$$ \\frac{\\partial J}{\\partial w} = 2w $$\n",
    "$$ J = w^2 + 1 $$\n\n$$ \\frac{\\partial J}{\\partial w} = 2w $$\n",
    accuses=True, measured=_BEFORE,
)
CHAIN_RULE = R(
    "R302", "leibniz_chain_rule", "function",
    "the names a link differentiates are functions of what they are differentiated by; "
    "SymPy's chain rule decides",
    "$$ \\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial p} "
    "\\frac{\\partial p}{\\partial x} $$\n",
    "$$ \\frac{\\partial}{\\partial x} x^2 = 2x $$\n",
)
BARE_DEFINED = R(
    "R306", "bare_function_from_definition", "function",
    "a function written without its arguments, read at the parameters of the section's "
    "definition where the link does not only differentiate by them: it confirms, never accuses",
    "$$ J(w) = w^2 $$\n\n$$ J + 1 = w^2 + 1 $$\n",
    "$$ J(w) = w^2 $$\n\n$$ J(w) + 1 = w^2 + 1 $$\n",
)
LOG_DENSITY = R(
    "R303", "log_of_a_density", "function",
    "\\log p(x \\mid \\theta) = \\ldots opening a chain defines the density p as well",
    "$$ \\log p(x \\mid \\mu) = -(x - \\mu)^2 $$\n", "$$ p(x \\mid \\mu) = e^{-(x - \\mu)^2} $$\n",
    accuses=True, measured=_BEFORE,
)
DOT_PRODUCT = R(
    "R304", "product_of_vectors_as_dot_product", "function",
    "a product of two vectors differentiated by a component is their dot product",
    "The sigmoid $\\sigma(z) = \\frac{1}{1 + e^{-z}}$.\n\n"
    "$$ \\frac{\\partial \\sigma(wx)}{\\partial w_1} = x_1 (1 - \\sigma(wx)) \\sigma(wx) $$\n",
    "The sigmoid $\\sigma(z) = \\frac{1}{1 + e^{-z}}$.\n\n"
    "$$ \\frac{\\partial \\sigma(wx)}{\\partial w} = x (1 - \\sigma(wx)) \\sigma(wx) $$\n",
    accuses=True, measured=_BEFORE,
)
LOOSE_DEFINITION = R(
    "R305", "definition_with_index_as_number", "function",
    "a definition using its own index as a number (p_j = e^j / \\sum_i e^i) is likely "
    "mistyped: it may confirm a step, never accuse one",
    "$$ p_j = \\frac{e^j}{\\sum_i e^i} $$\n\n$$ 2 p_1 = p_1 + p_1 = p_1 + p_2 $$\n",
    "$$ p_j = \\frac{e^{o_j}}{\\sum_i e^{o_i}} $$\n\n$$ 2 p_1 = p_1 + p_1 = p_1 + p_2 $$\n",
)
GRADIENT = R(
    "R307", "gradient_of_matrix_algebra", "function",
    "a derivative of a scalar by a vector or matrix (\\frac{\\partial f}{\\partial "
    "\\mathbf{w}}, \\nabla_{\\mathbf{w}} f) is its gradient in denominator layout, taken by "
    "central differences at random matrices; the transposed (numerator) layout, a matrix read "
    "as symmetric and a plain letter read as a vector are alternatives, said so",
    "$$ \\frac{\\partial (\\mathbf{w}^\\top A \\mathbf{w})}{\\partial \\mathbf{w}} = "
    "(A + A^\\top) \\mathbf{w} $$\n",
    "$$ \\frac{\\partial (\\mathbf{w}^\\top A \\mathbf{w})}{\\partial t} = "
    "(A + A^\\top) \\mathbf{w} $$\n",
    accuses=True,
    measured=(
        "stop 21, with --preview: verify-real/ and verify-real-2/ (60 documents, 3 true flags, "
        "0 false alarms) and bench/fresh-2/ (12 documents written blind after it was built: "
        "2 true flags, 0 false alarms)"
    ),
)
EARLIER_SECTION = R(
    "R401", "earlier_section_definition", "section",
    "a link unchecked for a name its section leaves undefined, tried with the definitions "
    "of earlier sections: kept only when it then holds",
    "# One\n\n$$ L = w^2 $$\n\n# Two\n\n$$ \\frac{dL}{dw} = 2w $$\n",
    "# One\n\n$$ M = w^2 $$\n\n# Two\n\n$$ \\frac{dL}{dw} = 2w $$\n",
)
LATER_DEFINITION = R(
    "R402", "later_definition", "section",
    "a link unchecked for a name its section defines further down, tried with that "
    "definition: kept only when it then holds",
    "$$ I(p_1 p_2) = I(p_1) + I(p_2) $$\n\n$$ I(p) = -\\log p $$\n",
    "$$ I(p_1 p_2) = I(p_1) + I(p_2) $$\n\n$$ J(p) = -\\log p $$\n",
)
ENTROPIES = R(
    "R403", "entropies_of_random_variables", "section",
    "in a document about entropies of random variables, H(X), H(Y | X), I(X; Y) read over "
    "one unknown joint distribution; true of every distribution, so it only confirms",
    "The entropy of random variables $X$ and $Y$.\n\n"
    "$$ H(X) - H(X \\mid Y) = H(Y) - H(Y \\mid X) $$\n\n"
    "$$ \\sum_x p(x) H(Y \\mid X = x) = -\\sum_x \\sum_y p(x, y) \\log p(y \\mid x) $$\n",
    "The entropy of random variables $X$ and $Y$.\n\n"
    "$$ H(X) + H(Y \\mid X) = H(Y) - H(X \\mid Y) $$\n",
)
HELD_FIXED = R(
    "R405", "variables_held_fixed", "section",
    "a partial derivative that fails with a definition put in, of a name the section itself "
    "differentiates by (theta_j = n_j / lambda, solved for after dJ/dtheta_j), checked again "
    "with that name and every other held fixed, as a partial derivative holds the other "
    "variables: kept only when it then holds and neither side is 0",
    _LAGRANGIAN + "$$ \\frac{\\partial J}{\\partial \\theta_{j}} = -\\lambda + "
    "\\frac{n_{j}}{\\theta_{j}} $$\n\n" + _STATIONARY,
    _LAGRANGIAN + _STATIONARY,
)
FOLLOWS_AN_ERROR = R(
    "R404", "follows_an_earlier_error", "section",
    "a link that fails as computed, checked again with the number an earlier wrong link of "
    "its section wrote in place of the computed one (for every name bound to it), or with "
    "the derivative a wrong row wrote (f'(x) = 2x^2 before f'(1) = 2): when it then holds it "
    "is not a second mistake, and it is left unchecked (reason follows)",
    "$$ L = -\\log 0.2 = 1.20 $$\n\nso $$ 2L = 2.40 $$\n",
    "$$ L = -\\log 0.2 = 1.20 $$\n\nso $$ 2L = 2.50 $$\n",
)
INDEX_DROPPED = R(
    "R406", "index_dropped_or_renamed", "section",
    "a link that fails while it writes a name indexed on one side and bare on the other only "
    "(a sum over classes restated as y log y-hat + (1 - y) log(1 - y-hat), an index dropped "
    "under a sum): what the bare name means is not written, so it is left unchecked",
    _CLASSES + "-y \\log \\hat{y} - (1 - y) \\log (1 - \\hat{y}) $$\n",
    _CLASSES + "-y_{1} \\log \\hat{y}_{1} - y_{1} \\log \\hat{y}_{0} $$\n",
)
DATA_HELD_CONSTANT = R(
    "R407", "data_held_constant", "section",
    "a link left unchecked because it differentiates a name that no definition of its section "
    "makes depend on the variable (the data y_i inside d/dw of a squared error), checked "
    "again with such names held constant, as data are: kept only when it then holds and "
    "neither side is 0; a name defined in terms of the variable keeps its chain rule",
    "$$ \\frac{\\partial}{\\partial w} (w x_{i} - y_{i})^2 = 2 (w x_{i} - y_{i}) \\frac{\\partial}"
    "{\\partial w} (w x_{i} - y_{i}) = 2 (w x_{i} - y_{i}) (x_{i} - \\frac{\\partial y_{i}}"
    "{\\partial w}) $$\n",
    "$$ \\hat{y}_{i} = w x_{i} $$\n\n"
    "$$ \\frac{\\partial}{\\partial w} (\\hat{y}_{i} - y_{i})^2 = 2 (\\hat{y}_{i} - y_{i}) $$\n",
)
OTHER_NOTATION = R(
    "R601", "another_reading_of_notation", "notation",
    "a link that fails as first read, where its notation has another plausible reading (a "
    "name before a bracket applied, an unparenthesised \\log taking the product, a letter "
    "run as one name, e as a name, T as a power: the reader's R5xx), is tried with each "
    "other reading; one that holds makes it ok with a note naming it, one that fails "
    "accuses nothing",
    "$$ I = -\\log P(A) \\cdot P(B) = -(\\log P(A) + \\log P(B)) $$\n",
    "$$ I = -\\log (P(A)) \\cdot P(B) = -(\\log P(A) + \\log P(B)) $$\n",
)
SHORTHANDS = R(
    "R701", "undefined_shorthand", "macro",
    "a macro the document and its preamble do not define, named by a common convention "
    "(\\bx \\bmu \\boldw \\vx bold, \\mW a matrix, \\calL \\cN calligraphic, \\bbR "
    "blackboard, \\half, \\trans \\T \\tp the transpose, \\dd \\dif the differential, \\Tr "
    "\\diag \\Var \\Cov operators, \\PhiT transposed), read as that convention says; any "
    "other undefined macro stays unread",
    "$$ (\\bA \\bx)^\\trans = \\bx^\\trans \\bA^\\trans $$\n",
    "$\\newcommand{\\bA}{A}\\newcommand{\\bx}{x}$\n\n"
    "$$ (\\bA \\bx)^\\top = \\bx^\\top \\bA^\\top $$\n",
)

RECORDS: tuple[R, ...] = (
    DEFINITION, IDENTITY, NUMERIC_CLAIM, UPDATE, FACT, ORDER_TERM, EQUATION, SUBSTITUTION,
    RESTATEMENT,
    BITS, LG, ROUNDED_SIDES, EARLIER_VALUES, DEVIATION, NAMED_IN_CHAIN, EVENT_VALUE, EARLIER_SIDES,
    ONE_SIZED, INSTANCE, NORMALISED, INDEX_CASE,
    BARE_FUNCTION, CHAIN_RULE, LOG_DENSITY, DOT_PRODUCT, LOOSE_DEFINITION, BARE_DEFINED,
    GRADIENT,
    EARLIER_SECTION, LATER_DEFINITION, ENTROPIES, FOLLOWS_AN_ERROR, HELD_FIXED,
    INDEX_DROPPED, DATA_HELD_CONSTANT, OTHER_NOTATION, SHORTHANDS,
)
"""The catalog, in code order (``docs/verify.md`` prints it)."""
