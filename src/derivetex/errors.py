"""The project's exception family: the CLI turns any of these into one line and exit code 2."""


class DerivetexError(Exception):
    """Base of every error derivetex raises on purpose."""


class InputError(DerivetexError):
    """The user's input (options, values, files) is not acceptable."""


class VerificationError(DerivetexError):
    """A derivation step did not hold; it names the rule so nothing unverified is rendered."""


class LimitExceeded(DerivetexError):
    """A loop that searches or repeats hit its cap."""


class ToolMissing(DerivetexError):
    """An external program (lualatex, node, chromium) is needed but not installed."""


class RuleNotApplicable(DerivetexError):
    """A derivation asked for a rule that left the expression unchanged."""


class OutputError(DerivetexError):
    """Writing the result failed (full disk, closed stdout); nothing partial is left behind."""


class Interrupted(BaseException):
    """A signal (SIGINT, SIGTERM, SIGHUP) asked the run to stop; cleanup runs, then exit.

    A BaseException like KeyboardInterrupt, so ``except Exception`` blocks do not swallow it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class BudgetExceeded(DerivetexError):
    """A piece of work (one link of ``verify``) ran out of its time or memory budget."""
