package io.backstop.escalation.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.escalation.ScheduledWaits;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolMappingTest {

  private final ToolMapping jira =
      new ToolMapping(
          "jira_create_issue",
          "jira_add_comment",
          Map.of("title", "summary", "body", "description", "labels", "labels"),
          Map.of("ticket", "issue_key", "comment", "comment"),
          Map.of("project_key", "OPS", "issue_type", "Incident"),
          "issue.key");

  @Test
  void mapsOurFieldsToTheServersArgumentNamesWithStaticExtras() {
    Map<String, Object> args =
        jira.createArguments(
            new TicketDraft("inc-1", "checkout down", "timeline", "critical", List.of("backstop")));

    assertThat(args)
        .containsEntry("summary", "checkout down")
        .containsEntry("description", "timeline")
        .containsEntry("project_key", "OPS")
        .containsEntry("issue_type", "Incident")
        .containsEntry("labels", List.of("backstop"))
        .doesNotContainKeys("incident", "severity", "title");
  }

  @Test
  void leavesOutFieldsTheServerDoesNotTake() {
    Map<String, Object> args =
        jira.updateArguments(new TicketChange("OPS-12", "recovered", "new body", "resolved"));

    assertThat(args).containsOnlyKeys("issue_key", "comment", "project_key", "issue_type");
  }

  @Test
  void findsTheReferenceAtADottedPathInStructuredOrTextContent() {
    McpTicketClient client =
        new McpTicketClient(
            URI.create("http://127.0.0.1:1/mcp"),
            "t",
            Duration.ofSeconds(1),
            jira,
            new ScheduledWaits()
                .retries(5, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    var structured =
        CallToolResult.builder().structuredContent(Map.of("issue", Map.of("key", "OPS-9"))).build();
    var text = CallToolResult.builder().addTextContent("{\"issue\":{\"key\":\"OPS-10\"}}").build();
    var neither = CallToolResult.builder().addTextContent("created!").build();

    assertThat(client.reference(structured)).hasValue("OPS-9");
    assertThat(client.reference(text)).hasValue("OPS-10");
    assertThat(client.reference(neither)).isEmpty();
  }
}
