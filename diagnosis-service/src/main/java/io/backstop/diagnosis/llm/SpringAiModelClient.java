package io.backstop.diagnosis.llm;

import io.backstop.diagnosis.TargetSpec;
import io.backstop.diagnosis.chain.ModelCallException;
import io.backstop.diagnosis.chain.ModelClient;
import io.backstop.diagnosis.chain.RawAnswer;
import io.backstop.diagnosis.prompt.DiagnosisPrompt;
import io.backstop.diagnosis.prompt.DiagnosisSchema;
import io.backstop.events.diagnosis.CallOutcome;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * One target through Spring AI's OpenAI client. Each target gets its own client, since Spring AI
 * ignores per-request base URL and key overrides; its own retries are off ({@code maxRetries(0)},
 * the chain retries) and the timeout is set in code, since it ignores the timeout properties. Calls
 * go out over sockets with Nagle's algorithm off ({@link NoDelayTransport}).
 */
public final class SpringAiModelClient implements ModelClient {

  private final TargetSpec target;
  private final ChatClient chat;

  private SpringAiModelClient(TargetSpec target, ChatClient chat) {
    this.target = target;
    this.chat = chat;
  }

  /** A client for {@code target} at {@code baseUrl}; a blank key means no Authorization header. */
  public static SpringAiModelClient create(TargetSpec target, String baseUrl, String apiKey) {
    return create(target, baseUrl, apiKey, new NoDelayTransport());
  }

  static SpringAiModelClient create(
      TargetSpec target, String baseUrl, String apiKey, NoDelayTransport transport) {
    var options =
        OpenAiChatOptions.builder()
            .baseUrl(baseUrl)
            .apiKey(apiKey == null ? "" : apiKey)
            .model(target.model())
            .temperature(0.0)
            .timeout(target.timeout())
            .maxRetries(0);
    if (target.structuredOutput()) {
      options.responseFormat(
          OpenAiChatModel.ResponseFormat.builder()
              .type(OpenAiChatModel.ResponseFormat.Type.JSON_SCHEMA)
              .jsonSchema(DiagnosisSchema.JSON)
              .strict(false)
              .build());
    }
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .options(options.build())
            .httpClientBuilderCustomizer(transport)
            .build();
    return new SpringAiModelClient(target, ChatClient.create(model));
  }

  @Override
  public TargetSpec target() {
    return target;
  }

  @Override
  public RawAnswer complete(DiagnosisPrompt prompt) {
    ChatResponse response;
    try {
      response = chat.prompt().system(prompt.system()).user(prompt.user()).call().chatResponse();
    } catch (RuntimeException e) {
      throw GatewayErrors.classify(e);
    }
    if (response == null) {
      throw new ModelCallException(CallOutcome.UNPARSEABLE, "the gateway returned no response");
    }
    Usage usage = response.getMetadata() == null ? null : response.getMetadata().getUsage();
    String text = response.getResult() == null ? "" : response.getResult().getOutput().getText();
    return new RawAnswer(text, tokens(usage, true), tokens(usage, false), finishReason(response));
  }

  private static String finishReason(ChatResponse response) {
    if (response.getResult() == null || response.getResult().getMetadata() == null) {
      return "";
    }
    String reason = response.getResult().getMetadata().getFinishReason();
    return reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
  }

  private static long tokens(Usage usage, boolean input) {
    if (usage == null) {
      return 0;
    }
    Integer count = input ? usage.getPromptTokens() : usage.getCompletionTokens();
    return count == null ? 0 : count;
  }
}
