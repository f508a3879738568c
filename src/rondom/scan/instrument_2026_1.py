# ruff: noqa: E501 (one statement a line reads best, and the texts are frozen)
"""Version 2026.1 of the samenwerkingsscan: the statements, grouped by level.

This module is frozen. Rounds that used this version keep showing exactly these statements,
so a change of wording or order makes a new version (a new module and data migration), never
an edit here. The texts are our own, after the success factors of collaboration between
education and youth care (bestuurlijk, relationeel, professioneel, proces, informatie) and
the conditions the PACT experiments found: nearness, equal standing, knowing what each
partner brings, shared goals, good information exchange, supportive management and enough
means. The parent version asks how parents experience the collaboration around their child.

Each statement is (code, level, English source text); the Dutch text is in the catalogue.
A code stays with its meaning across versions, so that a later round can show the change.
"""

from django.utils.translation import gettext_noop as _

VERSION = "2026.1"

PROFESSIONAL = [
    ("gov-support", "governance", _("The municipality, the school board and the care organisations support our collaboration with rules and money.")),
    ("gov-fit", "governance", _("The rules and the funding of our organisations fit together, so they do not get in the way.")),
    ("gov-managers", "governance", _("Our managers stand behind the collaboration and make room for it.")),
    ("gov-means", "governance", _("There is enough time and money to work together.")),
    ("gov-goal", "governance", _("We share one goal: what we want to achieve for children together, such as preventing problems.")),
    ("gov-mandate", "governance", _("The people at the table may take decisions for their organisation.")),
    ("rel-written", "relations", _("We have written down how we work together.")),
    ("rel-meet", "relations", _("We meet regularly, in a team or in a meeting.")),
    ("rel-near", "relations", _("We work close to each other, for example in the same building.")),
    ("rel-equal", "relations", _("Everyone counts equally, whatever their job or organisation.")),
    ("rel-drivers", "relations", _("There are enough people who keep the collaboration going.")),
    ("rel-build", "relations", _("We build on what already works and on networks that already exist.")),
    ("pro-value", "professional", _("I see what working together brings the children and me.")),
    ("pro-know", "professional", _("I know what the other partners offer, what they know and how they work.")),
    ("pro-trust", "professional", _("I trust the work of the others.")),
    ("pro-able", "professional", _("I feel able to work together with people from other professions.")),
    ("pro-learn", "professional", _("We learn together, for example in a joint training or by looking back on our work together.")),
    ("pro-roles", "professional", _("It is clear who does what, and what each of us is responsible for.")),
    ("pro-talk", "professional", _("We talk openly and often with each other.")),
    ("proc-steps", "process", _("We have clear steps for working together around a child.")),
    ("proc-needs", "process", _("We look at what a child needs in the same way.")),
    ("proc-plan", "process", _("For each child we make one plan, together with the parents.")),
    ("proc-parents", "process", _("We involve parents from the start, not only at the end.")),
    ("proc-review", "process", _("We regularly look at how the collaboration goes, and change what does not work.")),
    ("info-share", "information", _("We share the information that is needed, in time.")),
    ("info-systems", "information", _("Our computer systems help us to work together.")),
    ("info-connect", "information", _("Our systems connect, so nobody has to type everything twice.")),
    ("info-safe", "information", _("I trust that the others handle information about children and parents safely.")),
]  # fmt: skip

PARENT = [
    ("par-listen", "parent_together", _("The people around my child listen to me.")),
    ("par-asked", "parent_together", _("They ask what I think before something is decided.")),
    ("par-whom", "parent_together", _("I know whom to call when I have a question.")),
    ("par-words", "parent_together", _("I hear what is going on, in words I understand.")),
    ("par-once", "parent_help", _("I only have to tell my story once.")),
    ("par-team", "parent_help", _("The school and the helpers work as one team.")),
    ("par-kept", "parent_help", _("Agreements that are made are kept.")),
    ("par-time", "parent_help", _("My child got help in time.")),
]  # fmt: skip
