"""Typed models: the single source of truth for every field of every file kind."""

from .award import Award, AwardList
from .institution import Institution
from .plan import Plan
from .profile import Profile
from .story import StoryMeta

FILE_KINDS = {
    "institution": Institution,
    "plan": Plan,
    "profile": Profile,
    "story": StoryMeta,
    "awards": AwardList,
}

__all__ = ["Award", "AwardList", "FILE_KINDS", "Institution", "Plan", "Profile", "StoryMeta"]
