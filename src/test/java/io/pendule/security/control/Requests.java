package io.pendule.security.control;

import jakarta.servlet.http.HttpServletRequest;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A servlet request with the given headers and remote address, nothing else: for the rules that read only those. */
final class Requests {

    private Requests() {
    }

    static HttpServletRequest with(String remoteAddress, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(Requests.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase((String) args[0]))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    case "getRemoteAddr" -> remoteAddress;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
