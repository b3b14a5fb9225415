import secrets

import factory

from attribution.models import Touchpoint


class TouchpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Touchpoint

    visitor_id = factory.LazyFunction(lambda: secrets.token_hex(16))
    loop = Touchpoint.Loop.ORGANIC
    event = Touchpoint.Event.LINK_OPENED
