"""Typed errors of the core, each with a message that says what to do; and Cancelled."""

from __future__ import annotations


class TopicDigestError(Exception):
    """Base class of every error the core raises on purpose."""


class Cancelled(TopicDigestError):
    """The caller cancelled a long operation through its cancel token."""

    def __init__(self, message: str = "cancelled by the user") -> None:
        super().__init__(message)


class InputError(TopicDigestError):
    """An input path cannot be read at all (it does not exist, or is not readable)."""


class NoArticlesError(TopicDigestError):
    """Nothing usable was loaded: every input was skipped or empty."""


class OptionsError(TopicDigestError, ValueError):
    """An option has a value the core cannot use (unknown method, bad length ...)."""


class ExportError(TopicDigestError):
    """Writing an export failed; the message names the file and the reason."""


class EditError(TopicDigestError, ValueError):
    """An edit of the topics cannot be made as asked (no such topic, nothing left to split ...)."""


class SessionError(TopicDigestError):
    """A session file cannot be read: corrupt, not a session, or saved by a newer version."""
