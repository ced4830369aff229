package dev.wasitrace.analyzer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published test vectors of the Community ID spec: corelight/community-id-spec,
 * baseline/baseline_deflt.json (flows of its pcaps/combined.pcap.gz, seed 0) and the tables of
 * baseline/README.md (seed 0 and seed 1).
 */
class CommunityIdTest {
  @ParameterizedTest(name = "{0} {1} -> {2} seed {3}")
  @CsvSource(
      delimiter = ' ',
      value = {
        // baseline_deflt.json
        "6 128.232.110.120:34855 66.35.250.204:80 0 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
        "6 66.35.250.204:80 128.232.110.120:34855 0 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
        "17 192.168.1.52:54585 8.8.8.8:53 0 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
        "17 8.8.8.8:53 192.168.1.52:54585 0 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
        "6 [2001:470:e5bf:dead:4957:2174:e82c:4887]:63943 [2607:f8b0:400c:c03::1a]:25 0"
            + " 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
        "6 [2607:f8b0:400c:c03::1a]:25 [2001:470:e5bf:dead:4957:2174:e82c:4887]:63943 0"
            + " 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
        "132 192.168.170.8:7 192.168.170.56:7 0 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
        "132 192.168.170.56:7 192.168.170.8:7 0 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
        // baseline/README.md, default settings
        "6 1.2.3.4:1122 5.6.7.8:3344 0 1:wCb3OG7yAFWelaUydu0D+125CLM=",
        "6 5.6.7.8:3344 1.2.3.4:1122 0 1:wCb3OG7yAFWelaUydu0D+125CLM=",
        "17 1.2.3.4:1122 5.6.7.8:3344 0 1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg=",
        "132 5.6.7.8:3344 1.2.3.4:1122 0 1:EKt4MsxuyaE6mL+hmrEkQ9csDD8=",
        // baseline/README.md, seed 1
        "6 1.2.3.4:1122 5.6.7.8:3344 1 1:HhA1B+6CoLbiKPEs5nhNYN4XWfk=",
        "6 5.6.7.8:3344 1.2.3.4:1122 1 1:HhA1B+6CoLbiKPEs5nhNYN4XWfk=",
        "17 5.6.7.8:3344 1.2.3.4:1122 1 1:OShq+iKDAMVouh/4bMxB9Sz4amw=",
      })
  void publishedVectors(int protocol, String source, String destination, int seed, String id) {
    Endpoint src = Endpoint.parse(source);
    Endpoint dst = Endpoint.parse(destination);
    assertEquals(
        id, CommunityId.of(seed, protocol, src.address(), src.port(), dst.address(), dst.port()));
    if (seed == 0) {
      assertEquals(id, CommunityId.of(protocol, src, dst));
    }
  }
}
