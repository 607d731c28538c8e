from django import template

from notifications import push

register = template.Library()


@register.inclusion_tag("notifications/partials/push_opt_in.html", takes_context=True)
def push_opt_in(context, explanation: str):
    """The "notifications on this phone" box, when the marketplace has a Web Push key."""
    return {
        "public_key": push.public_key(),
        "csrf_token": context.get("csrf_token"),
        "explanation": explanation,
    }
