"""A student's own strategy as an outside policy: any object with ``decide(view, rng)`` that
returns ``(Order, memory)``, as the doctrines do. It sees only its side's view.

Seat it in a tournament beside the doctrines (from the repository's root)::

    PYTHONPATH=examples wargame tournament --scenario dyad-testbed --sides BLUE \\
        --players default,student_policy:TrustButVerify --types drawn --seeds 100

or play it in the agent environment: ``action = codec.action(policy.decide(view, rng)[0])``.
"""

from __future__ import annotations

import random
from typing import Any

from wargame.engine import Order, View


class TrustButVerify:
    """Sign any treaty offered by a rival it trusts past μ*; answer a threat with the defensive
    posture; answer a concession with a costly one (sanctions relief, tier 2); otherwise offer a
    treaty once trusted past μ*, else hold."""

    def decide(self, view: View, rng: random.Random) -> tuple[Order, dict[str, Any]]:
        rules = view.rules
        roles = rules.actor_by_id[view.actor].roles
        rival = view.pressing()  # the rival whose last act threatened it most (else least trusted)
        trusted = view.trust[rival] >= rules.mu_star
        memory = dict(view.memory)
        treaty = view.proposals_to_me.get(rival)
        if treaty is not None and trusted:
            return Order(treaty, rival), memory
        if view.threat_from(rival) > 0:
            return Order(roles.defensive, rival), memory
        last = view.last_perceived.get(rival)
        if last is not None and rules.instruments[last].is_conciliatory:
            return Order(roles.conciliation[2], rival), memory
        proposals = [i.id for i in rules.catalogue(view.actor) if i.proposes]
        if trusted and proposals:
            return Order(proposals[0], rival), memory
        return Order(roles.hold or roles.talk, None if roles.hold else rival), memory
