"""Setting a network up: its member organisations and coordinators, from a script or the demo."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from rondom.accounts.models import Organisation, User
from rondom.audit.log import record
from rondom.audit.models import AuditEvent

from .models import Network, NetworkMember, NetworkRole


@dataclass
class NetworkSetUp:
    network: Network
    created: bool
    members_added: list[Organisation] = field(default_factory=list)
    coordinators_added: list[User] = field(default_factory=list)


@transaction.atomic
def set_up_network(
    name: str,
    *,
    coordinators: Iterable[User] = (),
    organisations: Iterable[Organisation] = (),
    channel: str = AuditEvent.Channel.COMMAND,
    by: User | None = None,
) -> NetworkSetUp:
    """The network called `name`, made if needed, with these members and coordinators added
    where they are missing. Nothing is taken away, so a set-up script may run again."""
    network, created = Network.objects.get_or_create(name=name)
    done = NetworkSetUp(network, created)
    reason = f"network {network.pk}"
    if created:
        record(by, "network:create", channel=channel, reason=reason)
    for organisation in organisations:
        _member, added = NetworkMember.objects.get_or_create(
            network=network, organisation=organisation, defaults={"added_by": by}
        )
        if added:
            done.members_added.append(organisation)
            record(by, f"network:member_add organisation {organisation.pk}", channel=channel,
                   reason=reason)  # fmt: skip
    for user in coordinators:
        _role, added = NetworkRole.objects.get_or_create(
            network=network,
            user=user,
            role=NetworkRole.Role.COORDINATOR,
            defaults={"added_by": by},
        )
        if added:
            done.coordinators_added.append(user)
            record(by, f"network:coordinator_add user {user.pk}", channel=channel, reason=reason)
    return done
