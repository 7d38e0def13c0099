package io.backstop.localkafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks: is a port free, and a free one to use. */
final class Ports {

  private Ports() {}

  static void requireFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new PortInUseException(port, e);
    }
  }

  static boolean isFree(int port) {
    try {
      requireFree(port);
      return true;
    } catch (PortInUseException e) {
      return false;
    }
  }

  static int anyFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new BrokerStartException("no free loopback port for the controller listener", e);
    }
  }
}
