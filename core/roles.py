"""The staff groups every app grants permissions to (``core.registry.site.grant``); ``setup_roles`` creates them.

Nobody here deletes or manages accounts: a superuser does. Editors write and
send to review; the editor-in-chief also publishes what they review; offer
moderators publish offers.
"""

EDITORS = "Rédaction"
CHIEF_EDITORS = "Chef d’édition"
OFFER_MODERATORS = "Modération des offres"

EDIT = ("add", "change", "view")
PUBLISH = (*EDIT, "publish")
