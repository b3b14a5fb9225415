import factory

from rewards.models import Reward


class RewardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reward

    code = factory.Sequence(lambda n: f"reward-{n}")
    name = factory.Sequence(lambda n: f"Reward {n}")
    kind = Reward.Kind.BADGE
    cost_points = 100
    stock = None
