package io.backstop.safety.review;

import static io.backstop.events.fixtures.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.PolicyVerdict;
import io.backstop.events.diagnosis.RecommendedAction;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.fixtures.Surroundings;
import io.backstop.events.signal.ConfigChange.Reference;
import io.backstop.events.signal.ConfigRef;
import io.backstop.events.signal.DeploymentStrategy;
import io.backstop.events.signal.DriftDimension;
import io.backstop.events.signal.GitOpsOwner;
import io.backstop.events.signal.Relation;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.ShaOrigin;
import io.backstop.events.signal.SymptomKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.safety.Guardrails;
import io.backstop.safety.budget.IncidentBudget;
import io.backstop.safety.fixtures.Honest;
import io.backstop.safety.fixtures.Incidents;
import io.backstop.safety.fixtures.Proposal;
import io.backstop.safety.fixtures.Scene;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of issue 19, each with the rows that must pass and the rows it must stop: grounding in
 * the cause chain, secrets in model text, revisions named honestly, healthy targets only, release
 * trains, template drift, scale and restart causes, and the one symptom-to-action mapping.
 */
class PolicyRulesTest {

  static final Guardrails GUARDRAILS = Guardrails.load(Optional.empty(), Fixtures.CLOCK);
  static final String APPROVE = "APPROVE";

  static final String SHA_A = "aaaa1111bbbb2222cccc3333dddd4444eeee5555";
  static final String SHA_B = "bbbb9999aaaa8888cccc7777dddd6666eeee0000";

  static Stream<Arguments> rows() {
    return Stream.of(
        // ---- quality.no-secrets
        row(
            "secret: honest wording about a password failure passes",
            () ->
                Proposal.honestRollback()
                    .hypothesis(
                        "checkout revision 3 logs 'password authentication failed for user app'"
                            + " since it rolled out")
                    .build(),
            APPROVE),
        row(
            "secret: a password echoed in the hypothesis",
            () ->
                Proposal.honestRollback()
                    .hypothesis(
                        "revision 3 connects with DB_PASSWORD=hunter22 which the db rejects")
                    .build(),
            "quality.no-secrets"),
        row(
            "secret: a bearer token echoed in the hypothesis",
            () ->
                Proposal.honestRollback()
                    .hypothesis("calls fail with Authorization: Bearer abcdefghijklmnop123")
                    .build(),
            "quality.no-secrets"),
        row(
            "secret: a marker diagnosis-service left where it redacted one",
            () ->
                Proposal.honestRollback()
                    .hypothesis("it logs password=[REDACTED:PASSWORD] on start")
                    .build(),
            "quality.no-secrets"),
        row(
            "secret: an AWS key in an action parameter",
            () ->
                Proposal.honestRollback()
                    .action(
                        new RecommendedAction(
                            "ROLLBACK",
                            "checkout",
                            "shop",
                            null,
                            2L,
                            Signals.SHA_REV2,
                            null,
                            Map.of("note", "AKIAIOSFODNN7EXAMPLE")))
                    .build(),
            "quality.no-secrets"),
        // ---- quality.cause-chain-cited / citations-concern-resource
        row(
            "chain: alert on frontend, rollback of checkout citing both ends of the link",
            () -> victimOfCheckout(true).cited("E1", "E2", "E7").build(),
            APPROVE),
        row(
            "chain: only the cause's evidence cited",
            () -> victimOfCheckout(true).cited("E1", "E2").build(),
            "quality.cause-chain-cited"),
        row(
            "chain: only the victim's evidence cited",
            () -> victimOfCheckout(true).cited("E7").build(),
            "quality.cause-chain-cited"),
        row(
            "chain: triage found no link between victim and cause",
            () -> victimOfCheckout(false).cited("E1", "E2", "E7").build(),
            "quality.cause-chain-cited"),
        row(
            "chain: evidence about a third workload",
            () -> victimOfCheckout(true).cited("E1", "E2", "E7", "E8").build(),
            "quality.citations-concern-resource"),
        // ---- revisions named honestly (quality.proposal-well-formed, action.rollback-target-*)
        row(
            "naming: a rollback naming only the target's SHA is completed and approved",
            () ->
                Proposal.honestRollback()
                    .action(
                        "ROLLBACK", "checkout", null, null, Signals.SHA_REV2.substring(0, 9), null)
                    .build(),
            APPROVE),
        row(
            "naming: a rollback naming only the revision number is completed and approved",
            () ->
                Proposal.honestRollback()
                    .action("ROLLBACK", "checkout", null, 2L, null, null)
                    .build(),
            APPROVE),
        row(
            "naming: a config-only revision named by number and pod-template hash",
            () -> configOnly().action(hashed(2L, null, "b2b2b2b2b")).build(),
            APPROVE),
        row(
            "naming: a config-only revision named by its pod-template hash alone",
            () -> configOnly().action(hashed(null, null, "b2b2b2b2b")).build(),
            APPROVE),
        row(
            "naming: a revision number with another revision's template hash",
            () -> configOnly().action(hashed(2L, null, "a1a1a1a1a")).build(),
            "action.rollback-target-in-history"),
        row(
            "naming: a SHA that two revisions own names no revision",
            () -> redeployed().action("ROLLBACK", "checkout", null, null, SHA_A, null).build(),
            "quality.proposal-well-formed"),
        row(
            "naming: a revision with neither SHA nor template hash cannot be named",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .history(
                                Signals.CHECKOUT,
                                Scene.revision(
                                    1,
                                    SHA_A,
                                    ShaOrigin.OWN,
                                    null,
                                    9000,
                                    false,
                                    RevisionHealth.HEALTHY),
                                Scene.revision(
                                    2,
                                    null,
                                    ShaOrigin.NONE,
                                    null,
                                    4000,
                                    false,
                                    RevisionHealth.HEALTHY),
                                Scene.revision(
                                    3,
                                    SHA_B,
                                    ShaOrigin.OWN,
                                    null,
                                    12,
                                    true,
                                    RevisionHealth.UNHEALTHY))
                            .build())
                    .sha(SHA_B)
                    .action("ROLLBACK", "checkout", null, 2L, null, null)
                    .build(),
            "quality.proposal-well-formed"),
        row(
            "naming: a config-only bad revision named by its pod-template hash",
            () -> configOnlyBad().sha("b2b2b2b2b").build(),
            APPROVE),
        row(
            "naming: a config-only bad revision named by the SHA it inherits",
            () -> configOnlyBad().sha(SHA_A).build(),
            APPROVE),
        row(
            "naming: the template hash of the healthy target names it, and it is not the bad deploy",
            () -> configOnlyBad().sha("a1a1a1a1a").build(),
            "action.rollback-bad-deploy-is-current"),
        row(
            "naming: a bad revision with a SHA of its own named by its pod-template hash",
            () -> redeployedAfterRollback().sha("c3c3c3c3c").build(),
            APPROVE),
        row(
            "naming: a build redeployed after its rollback: its SHA names the latest run of it",
            () -> redeployedAfterRollback().sha(SHA_B).build(),
            APPROVE),
        row(
            "naming: a build redeployed after its rollback: back past the restored release",
            () ->
                redeployedAfterRollback()
                    .sha(SHA_B)
                    .action("ROLLBACK", "checkout", null, 1L, SHA_A, null)
                    .build(),
            "action.rollback-to-last-healthy"),
        row(
            "naming: a text that names no revision at all",
            () -> configOnlyBad().sha("d4d4d4d4d").build(),
            "quality.sha-grounded"),
        row(
            "naming: a text that is both a SHA prefix and a template hash",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .history(
                                Signals.CHECKOUT,
                                Scene.revision(
                                    1,
                                    SHA_A,
                                    ShaOrigin.OWN,
                                    null,
                                    9000,
                                    false,
                                    RevisionHealth.HEALTHY),
                                Scene.revision(
                                    2,
                                    SHA_A,
                                    ShaOrigin.INHERITED,
                                    "bbbb9999a",
                                    12,
                                    true,
                                    RevisionHealth.UNHEALTHY),
                                Scene.revision(
                                    3,
                                    SHA_B,
                                    ShaOrigin.OWN,
                                    null,
                                    5,
                                    false,
                                    RevisionHealth.UNKNOWN))
                            .build())
                    .sha("bbbb9999a")
                    .action("ROLLBACK", "checkout", null, 1L, SHA_A, null)
                    .build(),
            "quality.sha-unambiguous"),
        row(
            "naming: a config-only bad deploy named by nothing is completed from the target",
            () -> configOnlyBad().sha(null).build(),
            APPROVE),
        row(
            "naming: a bad deploy completed from the target that ran HEALTHY is no bad deploy",
            () ->
                Proposal.honestRollback()
                    .sha(null)
                    .action("ROLLBACK", "checkout", null, 1L, Signals.SHA_REV1, null)
                    .build(),
            "action.rollback-bad-deploy-is-current"),
        // ---- action.rollback-to-last-healthy: no further back than the last HEALTHY revision
        row(
            "last healthy: back to revision 1, skipping revision 2 that ran HEALTHY after it",
            () -> configOnly().action("ROLLBACK", "checkout", null, 1L, SHA_A, null).build(),
            "action.rollback-to-last-healthy"),
        row(
            "last healthy: back to revision 2, the last that ran HEALTHY before the bad deploy",
            () -> configOnly().action(hashed(2L, null, "b2b2b2b2b")).build(),
            APPROVE),
        // ---- action.restart-no-suspect-deploy: a deploy within two hours before the onset
        row(
            "restart: the current revision rolled out 65 minutes before a leak's onset",
            () ->
                Honest.restart()
                    .signals(leakAfterDeploy(95))
                    .resource("checkout")
                    .action("RESTART", "checkout", "deployment", null, null, null)
                    .build(),
            "action.restart-no-suspect-deploy"),
        row(
            "restart: the current revision rolled out 3 hours before a leak's onset",
            () ->
                Honest.restart()
                    .signals(leakAfterDeploy(210))
                    .resource("checkout")
                    .action("RESTART", "checkout", "deployment", null, null, null)
                    .build(),
            APPROVE),
        row(
            "restart: pools wedged 65 minutes after a release that ran HEALTHY through its window",
            () -> restartWedged(95, RevisionHealth.HEALTHY).build(),
            APPROVE),
        row(
            "restart: pools wedged 20 minutes after a release (inside its health window)",
            () -> restartWedged(50, RevisionHealth.HEALTHY).build(),
            "action.restart-no-suspect-deploy"),
        row(
            "restart: pools wedged after a release whose health is UNKNOWN",
            () -> restartWedged(95, RevisionHealth.UNKNOWN).build(),
            "action.restart-no-suspect-deploy"),
        row(
            "restart: wedged pods that also grow in memory after a HEALTHY release (a leak shows late)",
            () -> restartWedged(95, RevisionHealth.HEALTHY, SymptomKind.MEMORY_GROWTH).build(),
            "action.restart-no-suspect-deploy"),
        // ---- action.rollback-target-healthy: HEALTHY only
        row(
            "health: a target whose health is UNKNOWN, however long it ran",
            () -> targetHealth(RevisionHealth.UNKNOWN).build(),
            "action.rollback-target-healthy"),
        row(
            "health: a target that crash-looped",
            () -> targetHealth(RevisionHealth.UNHEALTHY).build(),
            "action.rollback-target-healthy"),
        row(
            "health: a HEALTHY target",
            () -> targetHealth(RevisionHealth.HEALTHY).build(),
            APPROVE),
        // ---- action.rollback-release-train
        row(
            "train: checkout and cart both run the bad build",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .train(Signals.SHA_REV3, Signals.CHECKOUT, Signals.CART)
                            .build())
                    .build(),
            "action.rollback-release-train"),
        row(
            "train: a train that does not include the target",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .train(Signals.CART_SHA, Signals.CART, Signals.FRONTEND)
                            .build())
                    .build(),
            APPROVE),
        // ---- action.blast-radius
        row(
            "blast radius: a rollback of a Deployment running more replicas than the bound",
            () ->
                Proposal.honestRollback()
                    .signals(Scene.badDeploy().workload(Signals.CHECKOUT, 60, false).build())
                    .build(),
            "action.blast-radius"),
        // ---- action.has-current-revision
        row(
            "current revision: a rollout history in which no revision is current",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .history(
                                Signals.CHECKOUT,
                                Scene.revision(
                                    2,
                                    Signals.SHA_REV2,
                                    ShaOrigin.OWN,
                                    null,
                                    60 * 24 * 3,
                                    false,
                                    RevisionHealth.HEALTHY),
                                Scene.revision(
                                    3,
                                    Signals.SHA_REV3,
                                    ShaOrigin.OWN,
                                    null,
                                    12,
                                    false,
                                    RevisionHealth.UNHEALTHY))
                            .build())
                    .build(),
            "action.has-current-revision"),
        // ---- action.target-is-suspect
        row(
            "suspect: the diagnosis suspects checkout and the rollback writes cart",
            () ->
                Proposal.honestRollback()
                    .action("ROLLBACK", "cart", null, 1L, Signals.CART_SHA, null)
                    .build(),
            "action.target-is-suspect"),
        // ---- action.no-write-over-change-in-flight
        row(
            "in flight: a person's hotfix started rolling out mid-incident, not yet judged",
            () ->
                Proposal.honestRollback()
                    .signals(hotfixDuringIncident(RevisionHealth.UNKNOWN))
                    .build(),
            "action.no-write-over-change-in-flight"),
        row(
            "in flight: the hotfix rolled out mid-incident and crash-loops too (it failed)",
            () ->
                Proposal.honestRollback()
                    .signals(hotfixDuringIncident(RevisionHealth.UNHEALTHY))
                    .build(),
            APPROVE),
        // ---- action.no-write-over-rollout-under-way
        row(
            "under way: a restart of a leak while cart's rollout is half done, its new pods ready",
            () ->
                Honest.restart().signals(cartRollout(1, 1, 1, RevisionHealth.UNKNOWN, 45)).build(),
            "action.no-write-over-rollout-under-way"),
        row(
            "under way: a rollback to the old revision whose pods leak, the rollout half done",
            () ->
                Honest.restart()
                    .signals(cartRollout(1, 1, 1, RevisionHealth.UNKNOWN, 45))
                    .action("ROLLBACK", "cart", null, 1L, Signals.CART_SHA, null)
                    .build(),
            "action.no-write-over-rollout-under-way"),
        row(
            "under way no more: the restart of a leak once the old revision runs no pod",
            () ->
                Honest.restart()
                    .signals(cartRollout(2, 2, 0, RevisionHealth.HEALTHY, 60 * 24 * 20))
                    .build(),
            APPROVE),
        // ---- action.not-api-forbidden
        row(
            "forbidden: the honest rollback while the new pods' lease calls get 403",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .symptom(SymptomKind.API_FORBIDDEN, Signals.CHECKOUT, "E1")
                            .build())
                    .build(),
            "action.not-api-forbidden"),
        row(
            "forbidden: a restart of a leak while the pods' API calls are refused",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .symptom(SymptomKind.API_FORBIDDEN, Signals.CART, "E1")
                            .build())
                    .build(),
            "action.not-api-forbidden"),
        row(
            "forbidden: a neighbour's refused API calls do not stop the target's rollback",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .symptom(SymptomKind.API_FORBIDDEN, Signals.CART, "E1")
                            .build())
                    .build(),
            APPROVE),
        // ---- action.not-under-hold
        row(
            "hold: restoring the replicas its team scaled to zero for announced maintenance",
            () -> scaledToZero(4, false, 12, Signals.FRONTEND).build(),
            "action.not-under-hold"),
        row(
            "hold: a hold declared on a neighbour does not stop the restore",
            () -> scaledToZero(4, false, 12, Signals.CART).build(),
            APPROVE),
        row(
            "hold: the honest rollback of a Deployment under a declared hold",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .hold(Signals.CHECKOUT, "CHG-88 database failover drill")
                            .build())
                    .build(),
            "action.not-under-hold"),
        row(
            "hold: a restart of a leak in a Deployment under a declared hold",
            () ->
                Honest.restart()
                    .signals(Scene.of(Incidents.leak()).hold(Signals.CART, "").build())
                    .build(),
            "action.not-under-hold"),
        // ---- action.restart-not-recreate
        row(
            "recreate: a restart of a leaking Recreate Deployment whose pods still serve",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .strategy(Signals.CART, DeploymentStrategy.RECREATE)
                            .build())
                    .build(),
            "action.restart-not-recreate"),
        row(
            "recreate: the same restart of a RollingUpdate Deployment",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .strategy(Signals.CART, DeploymentStrategy.ROLLING_UPDATE)
                            .build())
                    .build(),
            APPROVE),
        row(
            "recreate: a restart of a Recreate Deployment none of whose pods is ready",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .strategy(Signals.CART, DeploymentStrategy.RECREATE)
                            .ready(Signals.CART, 0)
                            .build())
                    .build(),
            APPROVE),
        // ---- action.rollout-not-blocked-by-single-pod-claim
        row(
            "single-pod claim: a restart of a leak whose pods mount a ReadWriteOncePod claim",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .claim(Signals.CART, "cart-spool", "ReadWriteOncePod")
                            .build())
                    .build(),
            "action.rollout-not-blocked-by-single-pod-claim"),
        row(
            "single-pod claim: the honest rollback of a bad deploy on a ReadWriteOncePod claim",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .claim(Signals.CHECKOUT, "checkout-spool", "ReadWriteOncePod")
                            .build())
                    .build(),
            "action.rollout-not-blocked-by-single-pod-claim"),
        row(
            "single-pod claim: a restart whose mounted claim triage could not read",
            () ->
                Honest.restart()
                    .signals(Scene.of(Incidents.leak()).claim(Signals.CART, "cart-spool").build())
                    .build(),
            "action.rollout-not-blocked-by-single-pod-claim"),
        row(
            "single-pod claim: a restart whose pods mount ReadWriteOnce and ReadWriteMany claims",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .claim(Signals.CART, "cart-cache", "ReadWriteOnce", "ReadWriteMany")
                            .build())
                    .build(),
            APPROVE),
        row(
            "single-pod claim: a neighbour's ReadWriteOncePod claim does not stop the restart",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .claim(Signals.FRONTEND, "frontend-spool", "ReadWriteOncePod")
                            .build())
                    .build(),
            APPROVE),
        row(
            "single-pod claim: a Recreate Deployment with no ready pod stops the old pod first",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .strategy(Signals.CART, DeploymentStrategy.RECREATE)
                            .ready(Signals.CART, 0)
                            .claim(Signals.CART, "cart-spool", "ReadWriteOncePod")
                            .build())
                    .build(),
            APPROVE),
        row(
            "recreate: the honest rollback of a Recreate Deployment's bad deploy",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .strategy(Signals.CHECKOUT, DeploymentStrategy.RECREATE)
                            .ready(Signals.CHECKOUT, 1)
                            .build())
                    .build(),
            APPROVE),
        row(
            "recreate: more replicas for a saturated Recreate Deployment (no pod is replaced)",
            () ->
                Honest.scale(8)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .strategy(Signals.FRONTEND, DeploymentStrategy.RECREATE)
                            .build())
                    .build(),
            APPROVE),
        // ---- action.restart-no-drift
        row(
            "restart drift: an admission controller set the memory limit the pods are OOM-killed at",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .drift(Signals.CART, DriftDimension.MEMORY_LIMIT, "1Gi", "384Mi")
                            .build())
                    .build(),
            "action.restart-no-drift"),
        row(
            "restart drift: a sidecar injected beside leaking pods explains nothing",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .drift(
                                Signals.CART, DriftDimension.INJECTED_CONTAINER, "", "istio-proxy")
                            .build())
                    .build(),
            APPROVE),
        row(
            "restart drift: leaking pods that run as their template says",
            () -> Honest.restart().signals(Incidents.leak()).build(),
            APPROVE),
        // ---- action.rollback-no-drift
        row(
            "drift: a webhook rewrote the memory limit and the pods are OOM-killed",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .drift(Signals.CHECKOUT, DriftDimension.MEMORY_LIMIT, "1Gi", "128Mi")
                            .symptom(SymptomKind.OOM_KILLED, Signals.CHECKOUT, "E2")
                            .build())
                    .build(),
            "action.rollback-no-drift"),
        row(
            "drift: triage recorded TEMPLATE_DRIFT",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .symptom(SymptomKind.TEMPLATE_DRIFT, Signals.CHECKOUT, "E2")
                            .build())
                    .build(),
            "action.rollback-no-drift"),
        row(
            "drift: an injected sidecar beside an ordinary bad deploy",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .drift(
                                Signals.CHECKOUT,
                                DriftDimension.INJECTED_CONTAINER,
                                "",
                                "istio-proxy")
                            .build())
                    .build(),
            APPROVE),
        row(
            "drift: the injected container is the one crash-looping",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .drift(
                                Signals.CHECKOUT,
                                DriftDimension.INJECTED_CONTAINER,
                                "",
                                "policy-agent")
                            .evidence(
                                "E9",
                                Signals.CHECKOUT,
                                "container policy-agent waiting CrashLoopBackOff, restarts=9")
                            .symptom(SymptomKind.CRASH_LOOP, Signals.CHECKOUT, "E9")
                            .build())
                    .build(),
            "action.rollback-no-drift"),
        row(
            "drift: a CPU limit rewritten while the failure is a crash-looping image (no link)",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .drift(Signals.CHECKOUT, DriftDimension.CPU_REQUEST, "500m", "100m")
                            .build())
                    .build(),
            APPROVE),
        // ---- action.scale-fits-cause, scale-singleton, scale-never-zero
        row(
            "scale: saturation and fewer replicas",
            () -> Honest.scale(2).build(),
            "action.scale-fits-cause"),
        row(
            "scale: saturation since a release that rolled out 5 minutes before it, judged unhealthy",
            () ->
                Honest.scale(6)
                    .signals(Incidents.saturationAfterDeploy(RevisionHealth.UNHEALTHY))
                    .build(),
            "action.scale-fits-cause"),
        row(
            "scale: saturation since a release that rolled out 5 minutes before it, judged healthy",
            () ->
                Honest.scale(6)
                    .signals(Incidents.saturationAfterDeploy(RevisionHealth.HEALTHY))
                    .build(),
            APPROVE),
        row(
            "scale: saturation since a caller's release, judged unhealthy, rolled out just before",
            () ->
                Honest.scale(6)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .related(Signals.CHECKOUT, Relation.DEPENDENT)
                            .history(
                                Signals.CHECKOUT,
                                Scene.revision(
                                    1,
                                    SHA_A,
                                    ShaOrigin.OWN,
                                    null,
                                    60 * 24 * 3,
                                    false,
                                    RevisionHealth.HEALTHY),
                                Scene.revision(
                                    2,
                                    SHA_B,
                                    ShaOrigin.OWN,
                                    null,
                                    18,
                                    true,
                                    RevisionHealth.UNHEALTHY))
                            .build())
                    .build(),
            "action.scale-fits-cause"),
        row(
            "scale: saturation; a caller released just before, judged healthy",
            () ->
                Honest.scale(6)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .related(Signals.CHECKOUT, Relation.DEPENDENT)
                            .history(
                                Signals.CHECKOUT,
                                Scene.revision(
                                    1,
                                    SHA_A,
                                    ShaOrigin.OWN,
                                    null,
                                    60 * 24 * 3,
                                    false,
                                    RevisionHealth.HEALTHY),
                                Scene.revision(
                                    2,
                                    SHA_B,
                                    ShaOrigin.OWN,
                                    null,
                                    18,
                                    true,
                                    RevisionHealth.HEALTHY))
                            .build())
                    .build(),
            APPROVE),
        row(
            "scale: saturation; a caller's unhealthy release is three days old",
            () ->
                Honest.scale(6)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .related(Signals.CHECKOUT, Relation.DEPENDENT)
                            .history(
                                Signals.CHECKOUT,
                                Scene.revision(
                                    1,
                                    SHA_A,
                                    ShaOrigin.OWN,
                                    null,
                                    60 * 24 * 9,
                                    false,
                                    RevisionHealth.HEALTHY),
                                Scene.revision(
                                    2,
                                    SHA_B,
                                    ShaOrigin.OWN,
                                    null,
                                    60 * 24 * 3,
                                    true,
                                    RevisionHealth.UNHEALTHY))
                            .build())
                    .build(),
            APPROVE),
        row(
            "scale: restore the replicas an operator's scale to zero took away",
            () -> scaledToZero(4, false, 12).build(),
            APPROVE),
        row(
            "scale: restore 6 after an outside scale to 60 (mistyped); 18 ready pods stop",
            () -> runawayScale(24, 6).build(),
            APPROVE),
        row(
            "scale: restore 6 after an outside scale to 60; 34 ready pods would stop",
            () -> runawayScale(40, 6).build(),
            "action.blast-radius"),
        row(
            "scale: 60 replicas down to 8, which restores no outside change",
            () -> runawayScale(24, 8).build(),
            "action.blast-radius"),
        row(
            "scale: 'restore' to a value it never ran with",
            () -> scaledToZero(6, false, 12).build(),
            "action.scale-fits-cause"),
        row(
            "scale: the change was Backstop's own",
            () -> scaledToZero(4, true, 12).build(),
            "action.scale-fits-cause"),
        row(
            "scale: the change was hours before the onset",
            () -> scaledToZero(4, false, 60 * 5).build(),
            "action.scale-fits-cause"),
        row(
            "scale: a ReadWriteOnce conflict scaled down to one",
            () -> volumeConflict(1).build(),
            APPROVE),
        row(
            "scale: a ReadWriteOnce conflict scaled to two",
            () -> volumeConflict(2).build(),
            "action.scale-singleton"),
        row("scale: to zero", () -> volumeConflict(0).build(), "action.scale-never-zero"),
        // ---- restart after a fixed cause
        row(
            "restart: the Secret changed after the pods started (stale credential)",
            () -> restartFor(SymptomKind.STALE_CREDENTIAL, 30, 300).build(),
            APPROVE),
        row(
            "restart: the pods started after the Secret changed (nothing stale)",
            () -> restartFor(SymptomKind.STALE_CREDENTIAL, 300, 30).build(),
            "action.restart-fixed-cause"),
        row(
            "restart: a changed ConfigMap, but no change found",
            () -> restartFor(SymptomKind.CONFIG_CHANGED, -1, -1).build(),
            "action.restart-fixed-cause"),
        // ---- restart after a fixed cause: how the pods reference what changed (onset 30m ago)
        row(
            "restart: a ConfigMap mounted by subPath changed after the pods started",
            () -> restartFor(SymptomKind.CONFIG_CHANGED, 31, 300, Reference.SUB_PATH).build(),
            APPROVE),
        row(
            "restart: a ConfigMap read by envFrom changed after the pods started",
            () -> restartFor(SymptomKind.CONFIG_CHANGED, 31, 300, Reference.ENV_FROM).build(),
            APPROVE),
        row(
            "restart: a Secret volume renewed two days before the onset (held in memory)",
            () ->
                restartFor(SymptomKind.CONFIG_CHANGED, 60 * 48, 60 * 24 * 7, Reference.VOLUME)
                    .build(),
            APPROVE),
        row(
            "restart: a ConfigMap mounted whole changed a minute before the onset (hot-reloaded)",
            () -> restartFor(SymptomKind.CONFIG_CHANGED, 31, 300, Reference.VOLUME).build(),
            "action.restart-fixed-cause"),
        row(
            "restart: a ConfigMap mounted both by subPath and whole changed before the onset",
            () ->
                restartFor(
                        SymptomKind.CONFIG_CHANGED, 31, 300, Reference.SUB_PATH, Reference.VOLUME)
                    .build(),
            "action.restart-fixed-cause"),
        row(
            "restart: a change whose reference triage did not record",
            () -> restartFor(SymptomKind.CONFIG_CHANGED, 31, 300, new Reference[0]).build(),
            "action.restart-fixed-cause"),
        row(
            "restart: wedged pods while a ConfigMap they mount whole changed before the onset",
            () -> restartFor(SymptomKind.WEDGED_PODS, 31, 300, Reference.VOLUME).build(),
            "action.restart-not-live-config-suspect"),
        row(
            "restart: wedged pods; a ConfigMap they mount whole changed three hours before",
            () -> restartFor(SymptomKind.WEDGED_PODS, 180, 300, Reference.VOLUME).build(),
            APPROVE),
        row(
            "restart: wedged pods; a ConfigMap they mount whole changed after the onset",
            () -> restartFor(SymptomKind.WEDGED_PODS, 20, 300, Reference.VOLUME).build(),
            APPROVE),
        row(
            "restart: an envFrom ConfigMap changed after start while the target crash-loops",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(
                                restartFor(SymptomKind.CONFIG_CHANGED, 180, 300, Reference.ENV_FROM)
                                    .build()
                                    .signals())
                            .symptom(SymptomKind.CRASH_LOOP, Signals.CART, "E1")
                            .build())
                    .build(),
            "action.restart-fixed-cause"),
        row(
            "restart: an envFrom ConfigMap changed after start; no container crashes",
            () -> restartFor(SymptomKind.CONFIG_CHANGED, 180, 300, Reference.ENV_FROM).build(),
            APPROVE),
        row(
            "restart: a credential that is still failing",
            () -> restartFor(SymptomKind.CREDENTIAL_FAILURE, -1, -1).build(),
            "action.credential-failure-needs-human"),
        row(
            "restart: a wedged pool",
            () -> restartFor(SymptomKind.WEDGED_PODS, -1, -1).build(),
            APPROVE),
        row(
            "restart: a victim of node memory pressure",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .symptom(SymptomKind.NODE_MEMORY_PRESSURE, Signals.CART, "E2")
                            .build())
                    .build(),
            "action.not-node-pressure-victim"),
        row(
            "restart: pods evicted for ephemeral storage while their node is under DiskPressure",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .withoutSymptoms()
                            .symptom(SymptomKind.EPHEMERAL_STORAGE, Signals.CART, "E1", "E2")
                            .node("worker-6", List.of("DiskPressure"), Signals.CART)
                            .build())
                    .build(),
            "action.not-node-pressure-victim"),
        row(
            "restart: pods evicted for their own ephemeral storage; the node has no DiskPressure",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .withoutSymptoms()
                            .symptom(SymptomKind.EPHEMERAL_STORAGE, Signals.CART, "E1", "E2")
                            .node("worker-6", List.of(), Signals.CART)
                            .build())
                    .build(),
            APPROVE),
        row(
            "restart: ephemeral-storage evictions; another node, not cart's, is under DiskPressure",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .withoutSymptoms()
                            .symptom(SymptomKind.EPHEMERAL_STORAGE, Signals.CART, "E1", "E2")
                            .node("worker-6", List.of("DiskPressure"), Signals.FRONTEND)
                            .build())
                    .build(),
            APPROVE),
        row(
            "restart: a crash loop on a node under PIDPressure (no thread can start there)",
            () -> crashLoopWithPidPressureOn(Signals.CART, Signals.FRONTEND),
            "action.not-node-pressure-victim"),
        row(
            "restart: a crash loop; PIDPressure only on a node cart does not run on",
            () -> crashLoopWithPidPressureOn(Signals.FRONTEND),
            APPROVE),
        row(
            "restart: wedged pods on two nodes that both report KernelDeadlock",
            () -> wedgedOn(List.of("KernelDeadlock"), List.of("KernelDeadlock")).build(),
            "action.not-node-fault-victim"),
        row(
            "restart: wedged pods; one of their two nodes reports KernelDeadlock, the other is sound",
            () -> wedgedOn(List.of("KernelDeadlock"), List.of()).build(),
            APPROVE),
        row(
            "restart: wedged pods on nodes whose only problem is NetworkUnavailable",
            () -> wedgedOn(List.of("NetworkUnavailable"), List.of("NetworkUnavailable")).build(),
            APPROVE),
        // ---- the contract's victim-and-cause fixture: frontend OOM-killed on a node cart starves
        row(
            "chain: restart the leaking neighbour, citing the victim, the cause and the node",
            () ->
                Honest.restart()
                    .signals(Surroundings.victimOfLeak())
                    .cited("E1", "E2", "E3")
                    .build(),
            APPROVE),
        row(
            "chain: restart the victim of the node's pressure",
            () ->
                Honest.restart()
                    .signals(Surroundings.victimOfLeak())
                    .resource("frontend")
                    .cited("E1", "E3")
                    .action("RESTART", "frontend", null, null, null, null)
                    .build(),
            "action.not-node-pressure-victim"),
        // ---- victims are not write targets
        row(
            "victim: a rollback of a workload whose errors come from a failing dependency",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .symptom(SymptomKind.DEPENDENCY_FAILURE, Signals.CHECKOUT, "E1")
                            .build())
                    .build(),
            "action.not-dependency-victim"),
        row(
            "victim: its own unhealthy release came before the dependency failed, which did not release",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .symptom(SymptomKind.DEPENDENCY_FAILURE, Signals.CHECKOUT, "E1")
                            .related(Signals.CART, Relation.DEPENDENCY)
                            .symptom(SymptomKind.SATURATION, Signals.CART, "E1")
                            .build())
                    .build(),
            APPROVE),
        row(
            "victim: its own release came first, but the failing dependency released too",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .symptom(SymptomKind.DEPENDENCY_FAILURE, Signals.CHECKOUT, "E1")
                            .related(Signals.CART, Relation.DEPENDENCY)
                            .symptom(SymptomKind.SATURATION, Signals.CART, "E1")
                            .history(
                                Signals.CART,
                                Scene.revision(
                                    1,
                                    SHA_A,
                                    ShaOrigin.OWN,
                                    null,
                                    60 * 24 * 20,
                                    false,
                                    RevisionHealth.HEALTHY),
                                Scene.revision(
                                    2,
                                    SHA_B,
                                    ShaOrigin.OWN,
                                    null,
                                    11,
                                    true,
                                    RevisionHealth.UNKNOWN))
                            .build())
                    .build(),
            "action.not-dependency-victim"),
        row(
            "victim: its own release came first; the failing dependency's history is unknown",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .symptom(SymptomKind.DEPENDENCY_FAILURE, Signals.CHECKOUT, "E1")
                            .related(Signals.FRONTEND, Relation.DEPENDENCY)
                            .symptom(SymptomKind.SATURATION, Signals.FRONTEND, "E1")
                            .build())
                    .build(),
            "action.not-dependency-victim"),
        row(
            "victim: a scale of a victim of node memory pressure",
            () ->
                volumeConflict(1)
                    .signals(
                        Scene.of(volumeConflict(1).build().signals())
                            .symptom(SymptomKind.NODE_MEMORY_PRESSURE, Signals.FRONTEND, "E1")
                            .build())
                    .build(),
            "action.not-node-pressure-victim"),
        // ---- action.symptom-admits-action
        row(
            "admits: a scale of a workload whose only symptom is a failing dependency",
            () ->
                Honest.scale(8)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .withoutSymptoms()
                            .symptom(SymptomKind.DEPENDENCY_FAILURE, Signals.FRONTEND, "E1")
                            .build())
                    .build(),
            "action.symptom-admits-action"),
        row(
            "admits: a restart of a workload whose only symptom is pods that cannot be placed",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Honest.restart().build().signals())
                            .withoutSymptoms()
                            .symptom(SymptomKind.REPLICAS_BLOCKED, Signals.CART, "E1")
                            .build())
                    .build(),
            "action.symptom-admits-action"),
        row(
            "blocked: the release's own new pods cannot be placed; the rollback returns the placed ones",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .withoutSymptoms()
                            .symptom(SymptomKind.REPLICAS_BLOCKED, Signals.CHECKOUT, "E1")
                            .build())
                    .build(),
            APPROVE),
        row(
            "blocked: the release's pods cannot be created; every desired old pod is ready",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .withoutSymptoms()
                            .symptom(SymptomKind.REPLICAS_BLOCKED, Signals.CHECKOUT, "E1")
                            .ready(Signals.CHECKOUT, 3)
                            .build())
                    .build(),
            "action.blocked-release-harms-nothing"),
        row(
            "blocked: every desired pod is ready, but the release's pods that did start crash",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .symptom(SymptomKind.REPLICAS_BLOCKED, Signals.CHECKOUT, "E1")
                            .ready(Signals.CHECKOUT, 3)
                            .build())
                    .build(),
            APPROVE),
        row(
            "blocked: pods refused for a day, long after the release (a spent quota, not the release)",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .withoutSymptoms()
                            .symptom(SymptomKind.REPLICAS_BLOCKED, Signals.CHECKOUT, "E1")
                            .onset(minutesAgo(60 * 24))
                            .history(
                                Signals.CHECKOUT,
                                Scene.revision(
                                    1,
                                    Signals.SHA_REV1,
                                    ShaOrigin.OWN,
                                    null,
                                    60 * 24 * 9,
                                    false,
                                    RevisionHealth.HEALTHY),
                                Scene.revision(
                                    2,
                                    Signals.SHA_REV2,
                                    ShaOrigin.OWN,
                                    null,
                                    60 * 24 * 3,
                                    false,
                                    RevisionHealth.HEALTHY),
                                Scene.revision(
                                    3,
                                    Signals.SHA_REV3,
                                    ShaOrigin.OWN,
                                    null,
                                    60 * 24 * 2,
                                    true,
                                    RevisionHealth.HEALTHY))
                            .build())
                    .build(),
            "action.rollback-onset-soon-after-deploy"),
        // ---- action.rollback-restores-config (revision 3 rolled out 12 minutes ago)
        row(
            "restores config: the Secret the pods read last changed 4 days ago, before revision 2 ran",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .configChange(Signals.CHECKOUT, minutesAgo(60 * 24 * 4), minutesAgo(11))
                            .build())
                    .build(),
            APPROVE),
        row(
            "restores config: the release rewrote the fixed-name Secret a minute before its Deployment",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .configChange(Signals.CHECKOUT, minutesAgo(13), minutesAgo(11))
                            .build())
                    .build(),
            "action.rollback-restores-config"),
        // ---- action.no-write-while-config-missing
        row(
            "config missing: a restart of a wedged pool whose ConfigMap was deleted",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(restartFor(SymptomKind.WEDGED_PODS, -1, -1).build().signals())
                            .symptom(SymptomKind.CONFIG_MISSING, Signals.CART, "E1")
                            .build())
                    .build(),
            "action.no-write-while-config-missing"),
        row(
            "config missing: the honest rollback while a Secret it references is missing",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .symptom(SymptomKind.CONFIG_MISSING, Signals.CHECKOUT, "E1")
                            .build())
                    .build(),
            "action.no-write-while-config-missing"),
        row(
            "config missing on a neighbour does not stop the target's own fix",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .symptom(SymptomKind.CONFIG_MISSING, Signals.CART, "E1")
                            .build())
                    .build(),
            APPROVE),
        // ---- action.scale-not-blocked
        row(
            "blocked: more replicas while the quota already refuses pods",
            () ->
                Honest.scale(8)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .symptom(SymptomKind.REPLICAS_BLOCKED, Signals.FRONTEND, "E1")
                            .build())
                    .build(),
            "action.scale-not-blocked"),
        row(
            "blocked: saturation whose pods all find a node scales",
            () -> Honest.scale(8).signals(Scene.of(Incidents.saturation()).build()).build(),
            APPROVE),
        // ---- action.not-network-policy-change
        row(
            "network policy: the honest rollback while a release's new policy blocks DNS",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .networkPolicy(Signals.CHECKOUT, Duration.ofMinutes(2), false)
                            .build())
                    .build(),
            "action.not-network-policy-change"),
        row(
            "network policy: the honest rollback while a new policy that allows DNS selects it",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .networkPolicy(Signals.CHECKOUT, Duration.ofMinutes(2), true)
                            .build())
                    .build(),
            "action.not-network-policy-change"),
        row(
            "network policy: the honest rollback; the policy selecting it is three days old",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .networkPolicy(Signals.CHECKOUT, Duration.ofDays(3), false)
                            .build())
                    .build(),
            APPROVE),
        row(
            "network policy: a new policy on a neighbour does not stop the target's rollback",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .networkPolicy(Signals.CART, Duration.ofMinutes(2), false)
                            .build())
                    .build(),
            APPROVE),
        row(
            "network policy: a restart of a wedged pool while a new policy selects it",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(restartFor(SymptomKind.WEDGED_PODS, -1, -1).build().signals())
                            .networkPolicy(Signals.CART, Duration.ofMinutes(2), false)
                            .build())
                    .build(),
            "action.not-network-policy-change"),
        row(
            "network policy: a scale is no Deployment rollout and is judged as usual",
            () ->
                Honest.scale(8)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .networkPolicy(Signals.FRONTEND, Duration.ofMinutes(2), false)
                            .build())
                    .build(),
            APPROVE),
        // ---- action.rollback-not-across-migration
        row(
            "migration: the honest rollback past a bad deploy whose init container ran Flyway",
            () ->
                Proposal.honestRollback()
                    .signals(Scene.of(Signals.badDeploy()).migration(Signals.CHECKOUT, 3).build())
                    .build(),
            "action.rollback-not-across-migration"),
        row(
            "migration: the rollback target ran the migration itself (its schema is current)",
            () ->
                Proposal.honestRollback()
                    .signals(Scene.of(Signals.badDeploy()).migration(Signals.CHECKOUT, 2).build())
                    .build(),
            APPROVE),
        row(
            "migration: a migration older than the rollback target is not crossed",
            () ->
                Proposal.honestRollback()
                    .signals(Scene.of(Signals.badDeploy()).migration(Signals.CHECKOUT, 1).build())
                    .build(),
            APPROVE),
        row(
            "migration: a migration in a neighbour's history does not stop the target's rollback",
            () ->
                Proposal.honestRollback()
                    .signals(Scene.of(Signals.badDeploy()).migration(Signals.CART, 2).build())
                    .build(),
            APPROVE),
        // ---- action.rollback-keeps-security-fix (holdout-6: api's emergency patch broke exports)
        row(
            "security: the bad deploy's change cause says it ships a fix for an exploited advisory",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .changeCause(
                                Signals.CHECKOUT,
                                3,
                                "deploy PR #9250: SECURITY bump jackson-databind (advisory, emergency)")
                            .build())
                    .build(),
            "action.rollback-keeps-security-fix"),
        row(
            "security: a CVE id in the cause of the bad deploy",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .changeCause(Signals.CHECKOUT, 3, "bump openssl for CVE-2026-1234")
                            .build())
                    .build(),
            "action.rollback-keeps-security-fix"),
        row(
            "security: a fix in the rollback target itself is kept by the rollback",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .changeCause(Signals.CHECKOUT, 2, "patch CVE-2026-1234 in the parser")
                            .build())
                    .build(),
            APPROVE),
        row(
            "security: a feature release is rolled back as usual",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .changeCause(Signals.CHECKOUT, 3, "deploy PR #9188: rate-limit headers")
                            .build())
                    .build(),
            APPROVE),
        row(
            "security: a fix in a neighbour's history does not stop the target's rollback",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .changeCause(Signals.CART, 2, "security: rotate the session key")
                            .build())
                    .build(),
            APPROVE),
        // ---- action.no-write-while-config-missing, the rollback a release's missing object allows
        row(
            "config missing: the bad deploy references a ConfigMap never created; the target does not",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .symptom(SymptomKind.CONFIG_MISSING, Signals.CHECKOUT, "E1")
                            .config(
                                Signals.CHECKOUT,
                                3,
                                List.of(ConfigRef.configMap("checkout-rules")),
                                List.of())
                            .build())
                    .build(),
            APPROVE),
        row(
            "config missing: the rollback target references the missing ConfigMap too",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .symptom(SymptomKind.CONFIG_MISSING, Signals.CHECKOUT, "E1")
                            .config(
                                Signals.CHECKOUT,
                                2,
                                List.of(ConfigRef.configMap("checkout-rules")),
                                List.of())
                            .build())
                    .build(),
            "action.no-write-while-config-missing"),
        row(
            "config missing: the target's references could not be checked",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .symptom(SymptomKind.CONFIG_MISSING, Signals.CHECKOUT, "E1")
                            .config(
                                Signals.CHECKOUT,
                                2,
                                List.of(),
                                List.of(ConfigRef.configMap("checkout-rules")))
                            .build())
                    .build(),
            "action.no-write-while-config-missing"),
        row(
            "config missing: a restart still only replaces serving pods with ones that cannot start",
            () -> restartFor(SymptomKind.CONFIG_MISSING, -1, -1).build(),
            "action.no-write-while-config-missing"),
        // ---- action.restart-oom-needs-leak (holdout-6: a cgroup v2 node image and an old JDK)
        row(
            "oom: OOM kills at the pods' own limit with no memory growth",
            () -> restartFor(SymptomKind.OOM_KILLED, -1, -1).build(),
            "action.restart-oom-needs-leak"),
        row(
            "oom: a leak that ends in OOM kills (MEMORY_GROWTH with OOM_KILLED) is restarted",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .symptom(SymptomKind.OOM_KILLED, Signals.CART, "E1")
                            .build())
                    .build(),
            APPROVE),
        row(
            "oom: OOM kills of pods that are also wedged are restarted",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .withoutSymptoms()
                            .symptom(SymptomKind.WEDGED_PODS, Signals.CART, "E1")
                            .symptom(SymptomKind.OOM_KILLED, Signals.CART, "E1")
                            .build())
                    .build(),
            APPROVE),
        // ---- action.not-gitops-owned
        row(
            "gitops: the honest rollback of a Deployment Argo CD self-heals from Git",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .gitOps(Signals.CHECKOUT, GitOpsOwner.ARGO_CD, "shop-checkout")
                            .build())
                    .build(),
            "action.not-gitops-owned"),
        row(
            "gitops: more replicas for a saturated Deployment a Flux Kustomization applies",
            () ->
                Honest.scale(8)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .gitOps(
                                Signals.FRONTEND, GitOpsOwner.FLUX_KUSTOMIZE, "flux-system/apps")
                            .build())
                    .build(),
            "action.not-gitops-owned"),
        row(
            "gitops: a restart of a leak in a Deployment a Flux HelmRelease applies",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .gitOps(Signals.CART, GitOpsOwner.FLUX_HELM, "shop/cart")
                            .build())
                    .build(),
            "action.not-gitops-owned"),
        row(
            "gitops: an Argo CD-owned neighbour does not stop the target's own rollback",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .gitOps(Signals.CART, GitOpsOwner.ARGO_CD, "shop-cart")
                            .build())
                    .build(),
            APPROVE),
        // ---- action.not-operator-owned
        row(
            "operator: the honest rollback of a Deployment a KafkaConnect resource controls",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .operator(Signals.CHECKOUT, "KafkaConnect", "checkout")
                            .build())
                    .build(),
            "action.not-operator-owned"),
        row(
            "operator: a restart of a leak in a Deployment an operator renders",
            () ->
                Honest.restart()
                    .signals(
                        Scene.of(Incidents.leak())
                            .operator(Signals.CART, "ShopApp", "cart")
                            .build())
                    .build(),
            "action.not-operator-owned"),
        row(
            "operator: more replicas for a saturated Deployment an operator reconciles",
            () ->
                Honest.scale(8)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .operator(Signals.FRONTEND, "ShopApp", "frontend")
                            .build())
                    .build(),
            "action.not-operator-owned"),
        row(
            "operator: an operator-controlled neighbour does not stop the target's own rollback",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .operator(Signals.CART, "ShopApp", "cart")
                            .build())
                    .build(),
            APPROVE),
        // ---- action.not-paused
        row(
            "paused: the honest rollback of a Deployment its owner paused mid-canary",
            () ->
                Proposal.honestRollback()
                    .signals(Scene.of(Signals.badDeploy()).paused(Signals.CHECKOUT).build())
                    .build(),
            "action.not-paused"),
        row(
            "paused: more replicas for a saturated Deployment held mid-rollout",
            () ->
                Honest.scale(8)
                    .signals(Scene.of(Incidents.saturation()).paused(Signals.FRONTEND).build())
                    .build(),
            "action.not-paused"),
        row(
            "paused: a paused neighbour does not stop the target's own rollback",
            () ->
                Proposal.honestRollback()
                    .signals(Scene.of(Signals.badDeploy()).paused(Signals.CART).build())
                    .build(),
            APPROVE),
        // ---- action.rollback-target-config-present
        row(
            "target config: the Secret the rollback target mounts was deleted since it ran",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .config(
                                Signals.CHECKOUT,
                                2,
                                List.of(ConfigRef.secret("checkout-payments-key")),
                                List.of())
                            .build())
                    .build(),
            "action.rollback-target-config-present"),
        row(
            "target config: a ConfigMap the rollback target reads through envFrom was renamed",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .config(
                                Signals.CHECKOUT,
                                2,
                                List.of(ConfigRef.configMap("checkout-flags")),
                                List.of())
                            .build())
                    .build(),
            "action.rollback-target-config-present"),
        row(
            "target config: triage could not read whether the target's Secret exists (a person confirms)",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .config(
                                Signals.CHECKOUT,
                                2,
                                List.of(),
                                List.of(ConfigRef.secret("checkout-db")))
                            .build())
                    .build(),
            "action.rollback-target-config-verified"),
        row(
            "target config: only the bad revision's new Secret is missing, the target's exist",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .config(
                                Signals.CHECKOUT,
                                3,
                                List.of(ConfigRef.secret("checkout-payments-v2")),
                                List.of())
                            .build())
                    .build(),
            APPROVE),
        row(
            "target config: an older revision's Secret is gone, the rollback does not go there",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .config(
                                Signals.CHECKOUT,
                                1,
                                List.of(ConfigRef.secret("checkout-legacy-db")),
                                List.of(ConfigRef.configMap("checkout-legacy-flags")))
                            .build())
                    .build(),
            APPROVE),
        // ---- action.rollback-not-common-cause
        row(
            "common cause: two unlinked, undeployed neighbours began failing with the target",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .related(Signals.CART, Relation.ANOMALOUS_NEIGHBOUR)
                            .related(Signals.FRONTEND, Relation.ANOMALOUS_NEIGHBOUR)
                            .symptom(SymptomKind.ERROR_RATE, Signals.CART, "E1")
                            .symptom(SymptomKind.ERROR_RATE, Signals.FRONTEND, "E1")
                            .build())
                    .build(),
            "action.rollback-not-common-cause"),
        row(
            "common cause: the failing workloads call the target (its deploy explains them)",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .related(Signals.CART, Relation.DEPENDENT)
                            .related(Signals.FRONTEND, Relation.DEPENDENT)
                            .symptom(SymptomKind.ERROR_RATE, Signals.CART, "E1")
                            .symptom(SymptomKind.ERROR_RATE, Signals.FRONTEND, "E1")
                            .build())
                    .build(),
            APPROVE),
        row(
            "common cause: one unlinked neighbour failing too is not yet a shared cause",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .related(Signals.FRONTEND, Relation.ANOMALOUS_NEIGHBOUR)
                            .symptom(SymptomKind.ERROR_RATE, Signals.FRONTEND, "E1")
                            .build())
                    .build(),
            APPROVE),
        row(
            "common cause: a neighbour deployed just before its own failure has its own cause",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .related(Signals.CART, Relation.ANOMALOUS_NEIGHBOUR)
                            .related(Signals.FRONTEND, Relation.ANOMALOUS_NEIGHBOUR)
                            .symptom(SymptomKind.ERROR_RATE, Signals.CART, "E1")
                            .symptom(SymptomKind.ERROR_RATE, Signals.FRONTEND, "E1")
                            .history(
                                Signals.FRONTEND,
                                Scene.revision(
                                    7,
                                    SHA_A,
                                    ShaOrigin.OWN,
                                    "6f5d4c3b2a",
                                    13,
                                    true,
                                    RevisionHealth.UNHEALTHY))
                            .build())
                    .build(),
            APPROVE),
        row(
            "common cause: unlinked neighbours that were failing long before the target",
            () ->
                Proposal.honestRollback()
                    .signals(
                        Scene.of(Signals.badDeploy())
                            .related(Signals.CART, Relation.ANOMALOUS_NEIGHBOUR)
                            .related(Signals.FRONTEND, Relation.ANOMALOUS_NEIGHBOUR)
                            .onset(minutesAgo(45))
                            .symptom(SymptomKind.ERROR_RATE, Signals.CART, "E1")
                            .symptom(SymptomKind.ERROR_RATE, Signals.FRONTEND, "E1")
                            .onset(minutesAgo(10))
                            .build())
                    .build(),
            APPROVE),
        // ---- action.scale-not-crash-loop
        row(
            "crash loop: liveness kills that began after the saturation, no recent deploy",
            () ->
                Honest.scale(8)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .onset(minutesAgo(9))
                            .symptom(SymptomKind.CRASH_LOOP, Signals.FRONTEND, "E1")
                            .onset(minutesAgo(15))
                            .build())
                    .build(),
            APPROVE),
        row(
            "crash loop: pods crashing since before the saturation",
            () ->
                Honest.scale(8)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .onset(minutesAgo(20))
                            .symptom(SymptomKind.CRASH_LOOP, Signals.FRONTEND, "E1")
                            .onset(minutesAgo(15))
                            .build())
                    .build(),
            "action.scale-not-crash-loop"),
        row(
            "crash loop: saturated first, but the current revision rolled out just before",
            () ->
                Honest.scale(8)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .onset(minutesAgo(9))
                            .symptom(SymptomKind.CRASH_LOOP, Signals.FRONTEND, "E1")
                            .onset(minutesAgo(15))
                            .history(
                                Signals.FRONTEND,
                                Scene.revision(
                                    1,
                                    SHA_A,
                                    ShaOrigin.OWN,
                                    "5c4b3a2d1e",
                                    60 * 24 * 6,
                                    false,
                                    RevisionHealth.HEALTHY),
                                Scene.revision(
                                    2,
                                    SHA_B,
                                    ShaOrigin.OWN,
                                    "6d5c4b3a2e",
                                    20,
                                    true,
                                    RevisionHealth.UNKNOWN))
                            .build())
                    .build(),
            "action.scale-not-crash-loop"),
        // ---- quality.citations-concern-resource: a dependency cited to rule it out
        row(
            "citations: a scale that also cites its dependency's evidence to rule the database out",
            () ->
                Honest.scale(8)
                    .signals(dependencyCited(Relation.DEPENDENCY))
                    .cited("E1", "E2", "E9")
                    .build(),
            APPROVE),
        row(
            "citations: the same item about a workload triage found only anomalous nearby",
            () ->
                Honest.scale(8)
                    .signals(dependencyCited(Relation.ANOMALOUS_NEIGHBOUR))
                    .cited("E1", "E2", "E9")
                    .build(),
            "quality.citations-concern-resource"),
        row(
            "citations: a write grounded only in its dependency's evidence has no support",
            () -> Honest.scale(8).signals(dependencyCited(Relation.DEPENDENCY)).cited("E9").build(),
            "quality.write-cites-evidence"),
        // ---- action.scale-not-autoscaled
        row(
            "autoscaled: a scale past the maximum of an HPA pinned at it",
            () ->
                Honest.scale(8)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .autoscaler(Signals.FRONTEND, 2, 4, 4, true)
                            .symptom(SymptomKind.AUTOSCALER_AT_MAX, Signals.FRONTEND, "E1")
                            .build())
                    .build(),
            "action.scale-not-autoscaled"),
        row(
            "autoscaled: a scale within the bounds of an HPA with headroom (it would undo it)",
            () ->
                Honest.scale(6)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .autoscaler(Signals.FRONTEND, 2, 10, 4, false)
                            .build())
                    .build(),
            "action.scale-not-autoscaled"),
        row(
            "autoscaled: the symptom alone, its HPA record left out, still stops the scale",
            () ->
                Honest.scale(8)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .symptom(SymptomKind.AUTOSCALER_AT_MAX, Signals.FRONTEND, "E1")
                            .build())
                    .build(),
            "action.scale-not-autoscaled"),
        row(
            "autoscaled: an HPA of a neighbour does not stop the target's scale",
            () ->
                Honest.scale(8)
                    .signals(
                        Scene.of(Incidents.saturation())
                            .autoscaler(Signals.CART, 2, 4, 4, true)
                            .build())
                    .build(),
            APPROVE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachRuleApprovesItsPositiveRowsAndStopsItsNegativeOnes(
      String name, Supplier<DiagnosisProposed> proposal, String expected) {
    Decision decision =
        GUARDRAILS.review().evaluate(proposal.get(), IncidentBudget.fresh(), GUARDRAILS.breakers());

    if (expected.equals(APPROVE)) {
      assertThat(decision.outcome())
          .as(name + ": " + decision.failures())
          .isEqualTo(Outcome.APPROVE);
    } else {
      assertThat(decision.outcome()).as(name).isNotEqualTo(Outcome.APPROVE);
      assertThat(decision.failures())
          .as(name)
          .extracting(PolicyVerdict::policyId)
          .contains(expected);
      assertThat(decision.action()).isNull();
    }
  }

  @Test
  void aRestartThatCanNeverSurgeIsOfferedToAPersonNamingTheClaim() {
    Decision d =
        evaluate(
            Honest.restart()
                .signals(
                    Scene.of(Incidents.leak())
                        .claim(Signals.CART, "cart-spool", "ReadWriteOncePod")
                        .build())
                .build());

    assertThat(d.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(d.approval())
        .as("a person may accept replacing the pod by hand and approve the write")
        .isNotNull();
    assertThat(d.failures())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.policyId()).isEqualTo("action.rollout-not-blocked-by-single-pod-claim");
              assertThat(v.reason())
                  .contains("'cart' mount [claim cart-spool (ReadWriteOncePod)]")
                  .contains("never finishes");
            });
  }

  @Test
  void aWriteToAnOperatorControlledDeploymentEscalatesToAPersonNamingTheResource() {
    Decision d =
        evaluate(
            Proposal.honestRollback()
                .signals(
                    Scene.of(Signals.badDeploy())
                        .operator(Signals.CHECKOUT, "KafkaConnect", "checkout")
                        .build())
                .build());

    assertThat(d.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(d.approval())
        .as("the operator undoes an approved write as surely as an automated one")
        .isNull();
    assertThat(d.failures())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.policyId()).isEqualTo("action.not-operator-owned");
              assertThat(v.reason())
                  .contains(
                      "'checkout' is controlled by KafkaConnect checkout"
                          + " (operator.example.com/v1, managed by example-operator)")
                  .contains("ROLLBACK");
            });
  }

  @Test
  void aWriteToAWorkloadUnderADeclaredHoldIsOfferedToAPersonWithTheReason() {
    Decision d = evaluate(scaledToZero(4, false, 12, Signals.FRONTEND).build());

    assertThat(d.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(d.approval()).as("a person who knows the hold is over may approve").isNotNull();
    assertThat(d.failures())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.policyId()).isEqualTo("action.not-under-hold");
              assertThat(v.reason())
                  .contains("'frontend' is under a hold")
                  .contains("'CHG-3310 card-vault migration 09:45-10:30 UTC, offline by design'")
                  .contains("(annotation backstop.io/hold)");
            });
  }

  @Test
  void aRestartOfAServingRecreateDeploymentIsOfferedToAPersonNamingTheOutage() {
    Decision d =
        evaluate(
            Honest.restart()
                .signals(
                    Scene.of(Incidents.leak())
                        .strategy(Signals.CART, DeploymentStrategy.RECREATE)
                        .build())
                .build());

    assertThat(d.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(d.approval()).as("the owners may choose the moment").isNotNull();
    assertThat(d.failures())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.policyId()).isEqualTo("action.restart-not-recreate");
              assertThat(v.reason()).contains("'cart' uses the Recreate strategy", "its 2 ready");
            });
  }

  @Test
  void aScaleOfAnAutoscaledDeploymentIsEscalatedNamingTheHpaNeverOfferedForApproval() {
    Decision d =
        evaluate(
            Honest.scale(8)
                .signals(
                    Scene.of(Incidents.saturation())
                        .autoscaler(Signals.FRONTEND, 2, 4, 4, true)
                        .symptom(SymptomKind.AUTOSCALER_AT_MAX, Signals.FRONTEND, "E1")
                        .build())
                .build());

    assertThat(d.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(d.approval()).as("the HPA would undo an approved write too").isNull();
    assertThat(d.failures())
        .filteredOn(v -> v.policyId().equals("action.scale-not-autoscaled"))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.reason())
                    .contains("HPA frontend (min 2, max 4, current 4, at its maximum")
                    .contains("beyond its maximum: true")
                    .contains("maxReplicas"));
  }

  @Test
  void aCompletedRollbackSaysSoAndIsApprovedFullyNamed() {
    Decision d =
        evaluate(
            Proposal.honestRollback()
                .action("ROLLBACK", "checkout", null, null, Signals.SHA_REV2.substring(0, 9), null)
                .build());

    assertThat(d.action())
        .isEqualTo(ApprovedAction.rollback(Signals.CHECKOUT, 2, Signals.SHA_REV2));
    assertThat(d.verdicts())
        .filteredOn(v -> v.policyId().equals(Review.COMPLETED_ID))
        .singleElement()
        .satisfies(v -> assertThat(v.reason()).contains("revision 2").contains(Signals.SHA_REV2));
  }

  @Test
  void aConfigOnlyRevisionIsApprovedByItsTemplateHashWithNoSha() {
    Decision d = evaluate(configOnly().action(hashed(null, null, "b2b2b2b2b")).build());

    assertThat(d.action())
        .isEqualTo(ApprovedAction.rollbackToTemplate(Signals.CHECKOUT, 2, null, "b2b2b2b2b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("completedRollbacks")
  void theExecutorsRecheckPassesACompletedRollbackAndStopsAnAlteredOne(
      String name, Supplier<DiagnosisProposed> proposal) {
    DiagnosisProposed diagnosis = proposal.get();
    Decision d = evaluate(diagnosis);
    ApprovedAction approved = d.action();
    ApprovedAction altered =
        new ApprovedAction(
            approved.type(),
            approved.target(),
            approved.toRevision() - 1,
            approved.toSha(),
            null,
            approved.toTemplateHash());

    assertThat(d.outcome()).isEqualTo(Outcome.APPROVE);
    assertThat(GUARDRAILS.actionGate().recheck(approved, diagnosis).passed()).isTrue();
    assertThat(GUARDRAILS.actionGate().recheck(altered, diagnosis).passed()).isFalse();
  }

  static Stream<Arguments> completedRollbacks() {
    return Stream.of(
        arguments(
            "by SHA alone",
            (Supplier<DiagnosisProposed>)
                () ->
                    Proposal.honestRollback()
                        .action("ROLLBACK", "checkout", null, null, Signals.SHA_REV2, null)
                        .build()),
        arguments(
            "by revision alone",
            (Supplier<DiagnosisProposed>)
                () ->
                    Proposal.honestRollback()
                        .action("ROLLBACK", "checkout", null, 2L, null, null)
                        .build()),
        arguments(
            "a config-only revision by template hash alone",
            (Supplier<DiagnosisProposed>)
                () -> configOnly().action(hashed(null, null, "b2b2b2b2b")).build()));
  }

  @Test
  void anEchoedSecretAppearsNowhereInTheDecision() {
    Decision d =
        evaluate(
            Proposal.honestRollback()
                .hypothesis("revision 3 connects with DB_PASSWORD=hunter22 which the db rejects")
                .resource("checkout password=hunter22")
                .build());

    assertThat(d.outcome()).isEqualTo(Outcome.REJECT_REROUTE);
    assertThat(d.summary()).doesNotContain("hunter22").contains("[REDACTED:PASSWORD]");
    assertThat(d.verdicts()).allSatisfy(v -> assertThat(v.reason()).doesNotContain("hunter22"));
  }

  @Test
  void aReleaseTrainEscalationNamesEveryLegAndItsSuggestedRollback() {
    Decision d =
        evaluate(
            Proposal.honestRollback()
                .signals(
                    Scene.badDeploy()
                        .train(Signals.SHA_REV3, Signals.CHECKOUT, Signals.CART)
                        .build())
                .build());

    assertThat(d.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(d.failures())
        .filteredOn(v -> v.policyId().equals("action.rollback-release-train"))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.reason())
                    .contains("shop/cart", "shop/checkout")
                    .contains("shop/checkout to revision 2"));
  }

  @Test
  void aCoordinatedRollbackPolicyJudgesEachLegOnItsOwnMerits(@TempDir Path dir) throws IOException {
    String text =
        new String(
                PolicyRulesTest.class
                    .getResourceAsStream("/io/backstop/safety/policies.yaml")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("releaseTrain: escalate", "releaseTrain: coordinated");
    Path file = Files.writeString(dir.resolve("policies.yaml"), text);
    Guardrails coordinated = Guardrails.load(Optional.of(file), Fixtures.CLOCK);

    Decision d =
        coordinated
            .review()
            .evaluate(
                Proposal.honestRollback()
                    .signals(
                        Scene.badDeploy()
                            .train(Signals.SHA_REV3, Signals.CHECKOUT, Signals.CART)
                            .build())
                    .build(),
                IncidentBudget.fresh(),
                coordinated.breakers());

    assertThat(d.outcome()).isEqualTo(Outcome.APPROVE);
  }

  @Test
  void aThirdAutomatedWriteToOneDeploymentWithinTheLoopWindowEscalates() {
    Guardrails fresh = Guardrails.load(Optional.empty(), Fixtures.CLOCK);
    var first = io.backstop.events.fixtures.Decisions.rollbackApproved();
    fresh.breakers().apply(first, minutesAgo(50));
    Decision afterOne =
        fresh.review().evaluate(Honest.rollback(), IncidentBudget.fresh(), fresh.breakers());
    fresh.breakers().apply(first, minutesAgo(20));
    Decision afterTwo =
        fresh.review().evaluate(Honest.rollback(), IncidentBudget.fresh(), fresh.breakers());

    assertThat(afterOne.outcome()).isEqualTo(Outcome.APPROVE);
    assertThat(afterTwo.outcome()).isEqualTo(Outcome.ESCALATE);
    assertThat(afterTwo.failures())
        .extracting(PolicyVerdict::policyId)
        .containsExactly("action.no-remediation-loop");
  }

  @Test
  void writesOlderThanTheLoopWindowDoNotCount() {
    Guardrails fresh = Guardrails.load(Optional.empty(), Fixtures.CLOCK);
    var approval = io.backstop.events.fixtures.Decisions.rollbackApproved();
    fresh.breakers().apply(approval, minutesAgo(150));
    fresh.breakers().apply(approval, minutesAgo(70));

    Decision decision =
        fresh.review().evaluate(Honest.rollback(), IncidentBudget.fresh(), fresh.breakers());

    assertThat(decision.outcome()).isEqualTo(Outcome.APPROVE);
  }

  private static Decision evaluate(DiagnosisProposed proposal) {
    return GUARDRAILS.review().evaluate(proposal, IncidentBudget.fresh(), GUARDRAILS.breakers());
  }

  private static Arguments row(String name, Supplier<DiagnosisProposed> p, String expected) {
    return arguments(name, p, expected);
  }

  /** frontend is alerted; checkout, its dependency, is the bad deploy. */
  static Proposal victimOfCheckout(boolean linked) {
    Scene scene =
        Scene.badDeploy()
            .alerted(Signals.FRONTEND)
            .evidence(
                "E7",
                Signals.FRONTEND,
                "5xx ratio for shop/frontend 0.3: upstream checkout" + " returns 503")
            .evidence("E8", Signals.CART, "cart p99 latency 300ms")
            .symptom(SymptomKind.ERROR_RATE, Signals.FRONTEND, "E7");
    if (linked) {
      scene.related(Signals.CHECKOUT, Relation.DEPENDENCY);
    }
    return Proposal.honestRollback().signals(scene.build());
  }

  /** checkout leaks since 30 minutes ago; its current revision 2 rolled out minutes ago. */
  static io.backstop.events.SignalsGathered leakAfterDeploy(long minutes) {
    return Scene.of(Incidents.leakLongAfterDeploy())
        .history(
            Signals.CHECKOUT,
            Scene.revision(
                1,
                Signals.SHA_REV1,
                ShaOrigin.OWN,
                null,
                60 * 24 * 19,
                false,
                RevisionHealth.HEALTHY),
            Scene.revision(
                2, Signals.SHA_REV2, ShaOrigin.OWN, null, minutes, true, RevisionHealth.UNHEALTHY))
        .build();
  }

  /**
   * A restart of checkout, whose pods show WEDGED_PODS (and {@code also}) from 30 minutes ago; its
   * current revision rolled out {@code minutes} ago with that health (health window 30 minutes).
   */
  static Proposal restartWedged(long minutes, RevisionHealth health, SymptomKind... also) {
    Scene scene =
        Scene.of(leakAfterDeploy(minutes))
            .history(
                Signals.CHECKOUT,
                Scene.revision(
                    1,
                    Signals.SHA_REV1,
                    ShaOrigin.OWN,
                    null,
                    60 * 24 * 19,
                    false,
                    RevisionHealth.HEALTHY),
                Scene.revision(2, Signals.SHA_REV2, ShaOrigin.OWN, null, minutes, true, health))
            .withoutSymptoms()
            .onset(minutesAgo(30))
            .symptom(SymptomKind.WEDGED_PODS, Signals.CHECKOUT, "E1");
    for (SymptomKind kind : also) {
      scene.symptom(kind, Signals.CHECKOUT, "E1");
    }
    return Honest.restart()
        .signals(scene.build())
        .resource("checkout")
        .action("RESTART", "checkout", "deployment", null, null, null);
  }

  /** Saturated frontend, with an item E9 about cart, which triage found related as given. */
  static io.backstop.events.SignalsGathered dependencyCited(Relation relation) {
    return Scene.of(Incidents.saturation())
        .evidence("E9", Signals.CART, "cart p99 12ms, error ratio 0.001, unchanged")
        .related(Signals.CART, relation)
        .build();
  }

  /**
   * A restart of cart crash-looping, while worker-4, running the workloads given, is out of PIDs.
   */
  static DiagnosisProposed crashLoopWithPidPressureOn(WorkloadRef... onNode) {
    return Honest.restart()
        .signals(
            Scene.of(Incidents.leak())
                .withoutSymptoms()
                .symptom(SymptomKind.CRASH_LOOP, Signals.CART, "E1")
                .symptom(SymptomKind.WEDGED_PODS, Signals.CART, "E1")
                .node("worker-4", List.of("PIDPressure"), onNode)
                .build())
        .build();
  }

  /**
   * cart leaks (onset 30 minutes ago); its owners rolled out revision 2 {@code minutesAgo} minutes
   * ago (with the health given): revision 2 runs {@code newPods} pods, {@code newReady} of them
   * ready, and the leaking revision 1 (40 days old) still runs {@code oldPods}.
   */
  static io.backstop.events.SignalsGathered cartRollout(
      int newPods, int newReady, int oldPods, RevisionHealth health, long minutesAgo) {
    return Scene.of(Incidents.leak())
        .history(
            Signals.CART,
            withPods(
                Scene.revision(
                    1,
                    Signals.CART_SHA,
                    ShaOrigin.OWN,
                    null,
                    60 * 24 * 40,
                    false,
                    RevisionHealth.HEALTHY),
                oldPods,
                oldPods),
            withPods(
                Scene.revision(2, SHA_A, ShaOrigin.OWN, null, minutesAgo, true, health),
                newPods,
                newReady))
        .build();
  }

  private static io.backstop.events.signal.Revision withPods(
      io.backstop.events.signal.Revision r, int desired, int ready) {
    return r.toBuilder().pods(new io.backstop.events.signal.RevisionPods(desired, ready)).build();
  }

  /**
   * checkout's bad revision 3 (12 minutes ago, errors from 10 minutes ago), then a person's hotfix,
   * revision 4, rolled out 3 minutes ago with that health.
   */
  static io.backstop.events.SignalsGathered hotfixDuringIncident(RevisionHealth hotfix) {
    return Scene.badDeploy()
        .history(
            Signals.CHECKOUT,
            Scene.revision(
                1,
                Signals.SHA_REV1,
                ShaOrigin.OWN,
                null,
                60 * 24 * 20,
                false,
                RevisionHealth.HEALTHY),
            Scene.revision(
                2,
                Signals.SHA_REV2,
                ShaOrigin.OWN,
                null,
                60 * 24 * 3,
                false,
                RevisionHealth.HEALTHY),
            Scene.revision(
                3, Signals.SHA_REV3, ShaOrigin.OWN, null, 12, false, RevisionHealth.UNHEALTHY),
            Scene.revision(4, SHA_A, ShaOrigin.OWN, null, 3, true, hotfix))
        .build();
  }

  /** checkout 1 (own SHA A), 2 (kubectl set env: inherits A), 3 (own SHA B, bad, current). */
  static Proposal configOnly() {
    return Proposal.honestRollback()
        .signals(
            Scene.badDeploy()
                .history(
                    Signals.CHECKOUT,
                    Scene.revision(
                        1, SHA_A, ShaOrigin.OWN, "a1a1a1a1a", 9000, false, RevisionHealth.HEALTHY),
                    Scene.revision(
                        2,
                        SHA_A,
                        ShaOrigin.INHERITED,
                        "b2b2b2b2b",
                        4000,
                        false,
                        RevisionHealth.HEALTHY),
                    Scene.revision(
                        3, SHA_B, ShaOrigin.OWN, "c3c3c3c3c", 12, true, RevisionHealth.UNHEALTHY))
                .build())
        .sha(SHA_B);
  }

  /**
   * checkout 1 (own SHA A, HEALTHY), 2 (kubectl set env: inherits A, current, crash-loops since it
   * rolled out 12 minutes ago); the rollback goes to 1.
   */
  static Proposal configOnlyBad() {
    return Proposal.honestRollback()
        .signals(
            Scene.badDeploy()
                .history(
                    Signals.CHECKOUT,
                    Scene.revision(
                        1, SHA_A, ShaOrigin.OWN, "a1a1a1a1a", 9000, false, RevisionHealth.HEALTHY),
                    Scene.revision(
                        2,
                        SHA_A,
                        ShaOrigin.INHERITED,
                        "b2b2b2b2b",
                        12,
                        true,
                        RevisionHealth.UNHEALTHY))
                .build())
        .action("ROLLBACK", "checkout", null, 1L, SHA_A, null);
  }

  /**
   * Build A (revision 1, healthy), the bad build B (revision 2), a rollback to A's template
   * (revision 3, healthy for hours), then B again from a pipeline retry (revision 4, template hash
   * c3c3c3c3c, bad, current); the rollback goes to revision 3.
   */
  static Proposal redeployedAfterRollback() {
    return Proposal.honestRollback()
        .signals(
            Scene.badDeploy()
                .history(
                    Signals.CHECKOUT,
                    Scene.revision(
                        1, SHA_A, ShaOrigin.OWN, "a1a1a1a1a", 9000, false, RevisionHealth.HEALTHY),
                    Scene.revision(
                        2, SHA_B, ShaOrigin.OWN, "b2b2b2b2b", 300, false, RevisionHealth.UNHEALTHY),
                    Scene.revision(
                        3, SHA_A, ShaOrigin.OWN, "a3a3a3a3a", 240, false, RevisionHealth.HEALTHY),
                    Scene.revision(
                        4, SHA_B, ShaOrigin.OWN, "c3c3c3c3c", 12, true, RevisionHealth.UNHEALTHY))
                .build())
        .action("ROLLBACK", "checkout", null, 3L, SHA_A, null);
  }

  /** Build A deployed twice as revisions of its own (1 and 2), then the bad B. */
  static Proposal redeployed() {
    return Proposal.honestRollback()
        .signals(
            Scene.badDeploy()
                .history(
                    Signals.CHECKOUT,
                    Scene.revision(
                        1, SHA_A, ShaOrigin.OWN, null, 9000, false, RevisionHealth.HEALTHY),
                    Scene.revision(
                        2, SHA_A, ShaOrigin.OWN, null, 4000, false, RevisionHealth.HEALTHY),
                    Scene.revision(
                        3, SHA_B, ShaOrigin.OWN, null, 12, true, RevisionHealth.UNHEALTHY))
                .build())
        .sha(SHA_B);
  }

  static RecommendedAction hashed(Long revision, String sha, String hash) {
    return new RecommendedAction(
        "ROLLBACK", "checkout", "shop", null, revision, sha, null, Map.of(), hash);
  }

  static Proposal targetHealth(RevisionHealth health) {
    return Proposal.honestRollback()
        .signals(
            Scene.badDeploy()
                .history(
                    Signals.CHECKOUT,
                    Scene.revision(1, SHA_A, ShaOrigin.OWN, null, 60 * 24 * 9, false, health),
                    Scene.revision(
                        2, SHA_B, ShaOrigin.OWN, null, 12, true, RevisionHealth.UNHEALTHY))
                .build())
        .sha(SHA_B)
        .action("ROLLBACK", "checkout", null, 1L, SHA_A, null);
  }

  /**
   * As {@link #scaledToZero(int, boolean, long)}, with its owners' hold declared on {@code held}.
   */
  static Proposal scaledToZero(int restoreTo, boolean byBackstop, long minutes, WorkloadRef held) {
    Scene scene =
        scaledToZeroScene(byBackstop, minutes)
            .hold(held, "CHG-3310 card-vault migration 09:45-10:30 UTC, offline by design");
    return Honest.scale(restoreTo).signals(scene.build());
  }

  /** cart's pods are wedged; its two nodes report these problem conditions. */
  static Proposal wedgedOn(List<String> first, List<String> second) {
    return Honest.restart()
        .signals(
            Scene.of(Incidents.leak())
                .withoutSymptoms()
                .symptom(SymptomKind.WEDGED_PODS, Signals.CART, "E1", "E2")
                .faultyNode("worker-1", first, Signals.CART)
                .faultyNode("worker-3", second, Signals.CART)
                .build());
  }

  /**
   * frontend was scaled from 6 to 60 by kubectl 8 minutes ago ({@code ready} of them ready, the
   * rest Pending); the alert followed; the proposal scales it to {@code replicas}.
   */
  static Proposal runawayScale(int ready, int replicas) {
    Scene scene =
        Scene.of(Incidents.saturation())
            .alerted(Signals.FRONTEND)
            .onset(minutesAgo(7))
            .withoutSymptoms()
            .workload(Signals.FRONTEND, 60, false)
            .ready(Signals.FRONTEND, ready)
            .replicaChange(Signals.FRONTEND, 6, 60, minutesAgo(8), false)
            .symptom(SymptomKind.SCALED_EXTERNALLY, Signals.FRONTEND, "E1");
    return Honest.scale(replicas).signals(scene.build());
  }

  /** frontend was scaled from 4 to 0 by kubectl {@code minutes} ago; the alert followed. */
  static Proposal scaledToZero(int restoreTo, boolean byBackstop, long minutes) {
    return Honest.scale(restoreTo).signals(scaledToZeroScene(byBackstop, minutes).build());
  }

  private static Scene scaledToZeroScene(boolean byBackstop, long minutes) {
    return Scene.of(Incidents.saturation())
        .alerted(Signals.FRONTEND)
        .onset(minutesAgo(10))
        .withoutSymptoms()
        .workload(Signals.FRONTEND, 0, false)
        .replicaChange(Signals.FRONTEND, 4, 0, minutesAgo(minutes), byBackstop)
        .symptom(SymptomKind.SCALED_EXTERNALLY, Signals.FRONTEND, "E1");
  }

  /** frontend mounts a ReadWriteOnce claim and runs 3 replicas: Multi-Attach errors. */
  static Proposal volumeConflict(int replicas) {
    Scene scene =
        Scene.of(Incidents.saturation())
            .withoutSymptoms()
            .workload(Signals.FRONTEND, 3, true)
            .symptom(SymptomKind.VOLUME_CONFLICT, Signals.FRONTEND, "E1");
    return Honest.scale(replicas).signals(scene.build());
  }

  /** cart shows one symptom; a Secret it references changed then, its pods started then. */
  static Proposal restartFor(SymptomKind kind, long changedMinutesAgo, long startedMinutesAgo) {
    return restartFor(kind, changedMinutesAgo, startedMinutesAgo, Reference.ENV);
  }

  /** A restart of cart (onset 30 minutes ago) after its Secret, referenced so, changed. */
  static Proposal restartFor(
      SymptomKind kind, long changedMinutesAgo, long startedMinutesAgo, Reference... refs) {
    Scene scene = Scene.of(Incidents.leak()).withoutSymptoms().symptom(kind, Signals.CART, "E1");
    if (changedMinutesAgo >= 0) {
      scene.configChange(
          Signals.CART,
          minutesAgo(changedMinutesAgo),
          minutesAgo(startedMinutesAgo),
          List.of(refs),
          "kubectl-edit");
    }
    return Honest.restart().signals(scene.build());
  }
}
