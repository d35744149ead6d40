package io.pendule.executors.entity;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A valid http executor_config.
 *
 * @param expectCodes empty when any status is a success
 * @param expectBody  null when any body is a success
 */
public record HttpJob(String method, URI url, List<HttpHeader> headers, String body, int timeoutSeconds,
                      Set<Integer> expectCodes, Pattern expectBody, TlsSettings tls) {

    public HttpJob {
        headers = List.copyOf(headers);
        expectCodes = Set.copyOf(expectCodes);
    }
}
