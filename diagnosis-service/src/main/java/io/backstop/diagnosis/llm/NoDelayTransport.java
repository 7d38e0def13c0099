package io.backstop.diagnosis.llm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.springframework.ai.openai.http.okhttp.OpenAiHttpClientBuilderCustomizer;
import org.springframework.ai.openai.http.okhttp.SpringAiOpenAiHttpClient;

/**
 * Sends the OpenAI client's calls over sockets with Nagle's algorithm off.
 *
 * <p>Spring AI's OpenAI client runs on OkHttp, which leaves {@code TCP_NODELAY} at the JDK's
 * default (off), and OkHttp writes a request in pieces: a prompt of more than a few kilobytes
 * (every diagnosis prompt) ends in a short segment that waits for the gateway's delayed
 * acknowledgement, about 40 ms per call on Linux, whatever the gateway's own speed. Spring AI's
 * builder takes neither a socket factory nor a client of ours, so the last of its interceptors
 * hands each call, already prepared (headers, authentication, the target's timeouts), to an OkHttp
 * client whose sockets have {@code TCP_NODELAY}, with that call's own connect, read, write and
 * whole-call timeouts. What the caller sees (the response, or the {@link IOException} Spring AI
 * turns into a gateway error) is what the inner call gave.
 */
final class NoDelayTransport implements OpenAiHttpClientBuilderCustomizer {

  private final OkHttpClient client;

  NoDelayTransport() {
    this(new NoDelaySockets());
  }

  NoDelayTransport(SocketFactory sockets) {
    this.client =
        new OkHttpClient.Builder().socketFactory(sockets).retryOnConnectionFailure(true).build();
  }

  @Override
  public void customize(SpringAiOpenAiHttpClient.Builder builder) {
    builder.interceptor(this::send);
  }

  /** Sends the prepared request over this transport's sockets, under the call's own timeouts. */
  Response send(Interceptor.Chain chain) throws IOException {
    OkHttpClient call =
        client
            .newBuilder()
            .connectTimeout(chain.connectTimeoutMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(chain.readTimeoutMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(chain.writeTimeoutMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(chain.call().timeout().timeoutNanos(), TimeUnit.NANOSECONDS)
            .build();
    return call.newCall(chain.request()).execute();
  }

  /** Plain sockets with {@code TCP_NODELAY}; OkHttp layers TLS over them for {@code https}. */
  static class NoDelaySockets extends SocketFactory {

    @Override
    public Socket createSocket() throws IOException {
      Socket socket = new Socket();
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(new Socket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return noDelay(new Socket(host, port, local, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
      socket.setTcpNoDelay(true);
      return socket;
    }
  }
}
