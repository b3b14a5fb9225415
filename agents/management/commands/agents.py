import json

from django.core.management.base import BaseCommand, CommandError

from agents.health import agent_health_list
from veltutor.errors import DomainError


class Command(BaseCommand):
    help = """The three agents from the console (the checklist's step 6.3), read-only except
    for the agent-run row each call records:

      agents status [--json]                                     health over the last hour
      agents call personalization --user 1 --subject math       get_recommendations
      agents call incentives calculate --user 1 [--action A]    calculate_reward
      agents call orchestrator route --user 1 [--loop L]        route_loop"""

    def add_arguments(self, parser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        status = commands.add_parser("status", help="Health of each agent.")
        status.add_argument("--json", action="store_true")
        call = commands.add_parser("call", help="Call an agent like the checklist does.")
        agents = call.add_subparsers(dest="agent", required=True)
        personalization = agents.add_parser("personalization")
        personalization.add_argument("--user", type=int, required=True)
        personalization.add_argument("--subject", required=True)
        incentives = agents.add_parser("incentives")
        incentives.add_argument("operation", choices=["calculate"])
        incentives.add_argument("--user", type=int, required=True)
        incentives.add_argument("--action", default="complete_practice")
        orchestrator = agents.add_parser("orchestrator")
        orchestrator.add_argument("operation", choices=["route"])
        orchestrator.add_argument("--user", type=int, required=True)
        orchestrator.add_argument("--loop", default="buddy_challenge")

    def handle(self, *args, command: str, **options) -> None:
        if command == "status":
            self._status(as_json=options["json"])
            return
        try:
            result = self._call(options)
        except DomainError as error:
            raise CommandError(f"{error.code}: {error.message}") from error
        self.stdout.write(result)

    def _status(self, *, as_json: bool) -> None:
        rows = agent_health_list()
        if as_json:
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "agent": row.agent,
                            "status": row.status,
                            "calls": row.calls,
                            "errors": row.errors,
                            "fallbacks": row.fallbacks,
                            "p50_ms": row.p50_ms,
                            "p95_ms": row.p95_ms,
                            "problems": list(row.problems),
                        }
                        for row in rows
                    ],
                    indent=2,
                )
            )
            return
        self.stdout.write(
            f"{'agent':<18}{'status':<10}{'calls':>6}{'errors':>7}"
            f"{'fallbk':>7}{'p50 ms':>8}{'p95 ms':>8}  problems"
        )
        for row in rows:
            p50 = f"{row.p50_ms:.1f}" if row.p50_ms is not None else "–"
            p95 = f"{row.p95_ms:.1f}" if row.p95_ms is not None else "–"
            self.stdout.write(
                f"{row.agent:<18}{row.status:<10}{row.calls:>6}{row.errors:>7}"
                f"{row.fallbacks:>7}{p50:>8}{p95:>8}  {'; '.join(row.problems) or 'none'}"
            )

    def _call(self, options: dict) -> str:
        agent = options["agent"]
        if agent == "personalization":
            from agents.personalization import Personalization

            recommendations = Personalization().get_recommendations(
                user_id=options["user"], subject_id=options["subject"]
            )
            return json.dumps([item.as_dict() for item in recommendations], indent=2, default=str)
        if agent == "incentives":
            from agents.incentives import IncentivesEconomy

            quote = IncentivesEconomy().calculate_reward(
                action=options["action"], user_id=options["user"]
            )
            return json.dumps(quote.as_dict())
        from agents.orchestrator import Orchestrator

        decision = Orchestrator().route_loop(options["loop"], {"user_id": options["user"]})
        return repr(decision)
