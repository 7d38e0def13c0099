package io.backstop.safety.facts;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every variable a policy expression may read, with its CEL type. Safety rationale: the set is
 * closed and typed, so a policy that misspells a fact or compares it to the wrong type fails when
 * the policy file loads, not silently at decision time. Integers are {@code Long}, as CEL expects.
 */
public final class Vocabulary {

  private static final CelType STRINGS = ListType.create(SimpleType.STRING);
  private static final Map<String, CelType> VARIABLES = new LinkedHashMap<>();

  /**
   * Each variable's position in declaration order (where {@link Facts} holds its value), as an
   * open-addressing table of names and slots: every review looks up about 110 names, and a JDK map
   * pays a shared, megamorphic {@code equals} and a boxed slot for each.
   */
  private static final String[] TABLE_NAMES;

  private static final int[] TABLE_SLOTS;

  /** By slot: the variable's name, its CEL type, and which Java type its value must have. */
  private static final String[] NAMES;

  private static final CelType[] TYPES;
  private static final Kind[] KINDS;

  /** The Java value a CEL type is held as. */
  private enum Kind {
    BOOL,
    INT,
    DOUBLE,
    STRING,
    STRINGS,
    NONE
  }

  static {
    bool("proposal.wellFormed");
    strings("proposal.problems");
    strings("proposal.secretFields");
    text("proposal.completed");
    number("diagnosis.confidence");
    text("diagnosis.tier");
    integer("diagnosis.rerouteCount");
    text("diagnosis.resource");
    text("diagnosis.namespace");
    text("diagnosis.sha");
    bool("resource.named");
    bool("resource.clean");
    bool("resource.inInventory");
    bool("resource.namespaceMatches");
    bool("resource.isAlerted");
    bool("resource.linkedToAlerted");
    bool("sha.given");
    bool("sha.grounded");
    bool("sha.ambiguous");
    bool("sha.otherDeployment");
    integer("citations.count");
    integer("citations.supporting");
    integer("citations.unknown");
    integer("citations.offTarget");
    integer("citations.injected");
    integer("citations.victim");
    text("action.requested");
    bool("action.supported");
    text("action.type");
    bool("action.write");
    text("action.scope");
    text("action.target");
    text("action.namespace");
    integer("action.revision");
    text("action.sha");
    text("action.templateHash");
    integer("action.replicas");
    bool("action.targetIsSuspect");
    bool("action.followsInjection");
    bool("action.matchesProposal");
    bool("action.admitted");
    strings("action.admittedBy");
    bool("target.found");
    text("target.kind");
    text("target.namespace");
    text("target.name");
    bool("target.protected");
    integer("target.replicas");
    bool("target.singleton");
    bool("target.paused");
    integer("target.readyReplicas");
    text("target.strategy");
    text("target.gitOps");
    text("target.hold");
    text("target.operator");
    strings("target.singlePodClaims");
    strings("symptoms");
    bool("deploy.hasCurrent");
    integer("deploy.currentRevision");
    bool("deploy.onsetKnown");
    bool("deploy.onsetAfterCurrentDeploy");
    bool("deploy.changeInFlight");
    text("deploy.rolloutUnderWay");
    bool("deploy.currentIsSuspect");
    text("deploy.healthWindow");
    bool("rollback.currentInBadStreak");
    bool("rollback.onsetAfterBadDeploy");
    bool("rollback.onsetSoonAfterBadDeploy");
    bool("rollback.targetInHistory");
    bool("rollback.targetIsCurrent");
    bool("rollback.targetNamed");
    bool("rollback.targetBeforeBadDeploy");
    bool("rollback.targetRanHealthy");
    bool("rollback.targetIsLastHealthy");
    text("rollback.targetHealth");
    strings("rollback.targetMissingConfig");
    strings("rollback.newerMissingConfig");
    strings("rollback.targetUnverifiedConfig");
    strings("rollback.crossesMigration");
    strings("rollback.undoesSecurityFix");
    strings("rollback.configChangedSinceTarget");
    strings("rollback.releaseTrain");
    strings("rollback.trainSuggestions");
    strings("rollback.drift");
    strings("rollback.commonCausePeers");
    text("scale.direction");
    integer("scale.restoreTo");
    bool("scale.saturationUp");
    bool("scale.crashLoopFollowsSaturation");
    bool("scale.restoresExternalChange");
    bool("scale.fixesConflict");
    text("scale.autoscaler");
    text("scale.callerReleaseSuspect");
    integer("scale.readyStopped");
    bool("victim.ownReleaseFirst");
    bool("scale.beyondAutoscalerMax");
    strings("restart.configChangedAfterStart");
    strings("restart.configChangedLive");
    strings("target.networkPolicyChanges");
    bool("restart.stateAfterHealthyRelease");
    bool("restart.nodePressureVictim");
    text("restart.nodeFaults");
    integer("incident.writesApproved");
    integer("target.recentWrites");
    text("target.settlingWrite");
    number("config.minConfidence");
    number("config.highConfidence");
    number("config.writeConfidence");
    strings("config.allowedNamespaces");
    strings("config.systemNamespaces");
    strings("config.protectedNames");
    integer("config.scaleMin");
    integer("config.scaleMax");
    integer("config.maxReplicasAffected");
    integer("config.maxWritesPerIncident");
    integer("config.maxWritesPerDeployment");
    bool("config.coordinatedRollback");
    NAMES = VARIABLES.keySet().toArray(String[]::new);
    // a power of two at least four times the names, so a probe ends after a step or two
    int capacity = Integer.highestOneBit(NAMES.length * 4 - 1) << 1;
    TABLE_NAMES = new String[capacity];
    TABLE_SLOTS = new int[capacity];
    for (int slot = 0; slot < NAMES.length; slot++) {
      int at = home(NAMES[slot]);
      while (TABLE_NAMES[at] != null) {
        at = (at + 1) & (capacity - 1);
      }
      TABLE_NAMES[at] = NAMES[slot];
      TABLE_SLOTS[at] = slot;
    }
    TYPES = VARIABLES.values().toArray(CelType[]::new);
    KINDS = new Kind[TYPES.length];
    for (int slot = 0; slot < TYPES.length; slot++) {
      KINDS[slot] = kind(TYPES[slot]);
    }
  }

  private Vocabulary() {}

  /** Name to CEL type, in declaration order. */
  public static Map<String, CelType> variables() {
    return Collections.unmodifiableMap(VARIABLES);
  }

  /**
   * The slot of a variable, for a reader that resolves the name once and then reads the fact by
   * position ({@link Facts#slot}); -1 for a name not in the vocabulary.
   */
  public static int slot(String name) {
    if (name == null) {
      return -1;
    }
    int mask = TABLE_NAMES.length - 1;
    for (int at = home(name); ; at = (at + 1) & mask) {
      String held = TABLE_NAMES[at];
      if (held == null) {
        return -1;
      }
      // the names a contributor writes are literals, so the same instance as the declared name
      if (held == name || held.equals(name)) {
        return TABLE_SLOTS[at];
      }
    }
  }

  private static int home(String name) {
    int h = name.hashCode();
    return (h ^ (h >>> 16)) & (TABLE_NAMES.length - 1);
  }

  /** How many variables there are (one slot each). */
  public static int size() {
    return VARIABLES.size();
  }

  /** The name of the variable in {@code slot}. */
  public static String name(int slot) {
    return NAMES[slot];
  }

  /** The CEL type of the variable in {@code slot}. */
  public static CelType type(int slot) {
    return TYPES[slot];
  }

  /**
   * Whether {@code value} is what CEL expects for the variable in {@code slot}: Boolean, Long,
   * Double, String, or a list of Strings; never null.
   */
  static boolean fits(int slot, Object value) {
    return switch (KINDS[slot]) {
      case BOOL -> value instanceof Boolean;
      case INT -> value instanceof Long;
      case DOUBLE -> value instanceof Double;
      case STRING -> value instanceof String;
      case STRINGS -> Facts.strings(value);
      case NONE -> false;
    };
  }

  private static Kind kind(CelType type) {
    if (type.equals(SimpleType.BOOL)) {
      return Kind.BOOL;
    }
    if (type.equals(SimpleType.INT)) {
      return Kind.INT;
    }
    if (type.equals(SimpleType.DOUBLE)) {
      return Kind.DOUBLE;
    }
    if (type.equals(SimpleType.STRING)) {
      return Kind.STRING;
    }
    return type instanceof ListType ? Kind.STRINGS : Kind.NONE;
  }

  private static void bool(String name) {
    VARIABLES.put(name, SimpleType.BOOL);
  }

  private static void integer(String name) {
    VARIABLES.put(name, SimpleType.INT);
  }

  private static void number(String name) {
    VARIABLES.put(name, SimpleType.DOUBLE);
  }

  private static void text(String name) {
    VARIABLES.put(name, SimpleType.STRING);
  }

  private static void strings(String name) {
    VARIABLES.put(name, STRINGS);
  }
}
