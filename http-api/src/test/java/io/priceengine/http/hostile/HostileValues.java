package io.priceengine.http.hostile;

import java.util.ArrayList;
import java.util.List;

/** The generated parts of the corpus: hostile symbols, names, numbers and JSON documents. */
final class HostileValues {
  private HostileValues() {}

  /** Symbols the API must refuse, as Java strings (each also sent percent-encoded). */
  static List<String> symbols() {
    List<String> symbols =
        new ArrayList<>(
            List.of(
                "",
                " ",
                "1ABC",
                ".A",
                "-A",
                "ABCDEFGHIJK",
                "A B",
                "A_B",
                "A/B",
                "A\\B",
                "A+B",
                "A*",
                "*A",
                "A;B",
                "A'B",
                "A\"B",
                "A<script>",
                "A%B",
                "A?B",
                "A#B",
                "A&B",
                "A=B",
                "AAPL\u0000",
                "\u0000AAPL",
                "AA\u0000PL",
                "AAPL\n",
                "AAPL\r\nX-Injected: 1",
                "AAPL\t",
                "\tAAPL",
                "AAPL\u007f",
                "AAPL\u0085",
                "AAPL\u2028",
                "ÄAPL",
                "AAPLß",
                "ß",
                "ǅ",
                "İ",
                "ı",
                "ＡＡＰＬ",
                "AAPL\u200b",
                "\u202eLPAA",
                "AAPL\ufeff",
                "😀",
                "A😀",
                "AAPL\ud800",
                "\udc00AAPL",
                "A\ud800B",
                "..",
                "../../etc/passwd",
                "A".repeat(11),
                "A".repeat(1000),
                "0",
                "-1",
                "1e400",
                "_NaN"));
    for (int c = 1; c < 0x20; c += 3) {
      symbols.add("AB" + (char) c);
    }
    return symbols;
  }

  /** Raw percent-encodings a client can put into a URL that no Java string round-trips. */
  static List<String> rawEncodedSymbols() {
    return List.of(
        "AAPL%00",
        "%00AAPL",
        "AA%00PL",
        "AAPL%ED%A0%80",
        "%ED%B0%80",
        "AAPL%FF",
        "AAPL%C0%80",
        "AAPL%C0%AE",
        "%E2%80%AE",
        "AAPL%0D%0A",
        "AAPL%25",
        "AAPL%2",
        "AAPL%ZZ",
        "%",
        "%%",
        "AAPL%2F..%2F..",
        "AAPL%5C",
        "A%20B",
        "%20AAPL%00",
        "AAPL%20%00");
  }

  /** Company names the API must refuse. */
  static List<String> badCompanyNames() {
    return List.of(
        "Apple\u0000Inc",
        "Apple\nInc",
        "Apple\r\nInc",
        "\u0007bell",
        "Apple\u001b[31mred",
        "Apple\u007f",
        "Apple\u0085",
        "A\ud800",
        "\udc00B",
        "x\ud800\ud800y",
        "\ud83d",
        "x".repeat(201),
        "é".repeat(201));
  }

  /** Number literals that are no valid price (as they appear in the JSON text). */
  static List<String> badPrices() {
    return List.of(
        "0",
        "-0",
        "0.0",
        "-1",
        "-0.0001",
        "0.00000",
        "1e400",
        "-1e400",
        "1e-400",
        "1E+1000",
        "1e1000",
        "1e-1000",
        "1e1001",
        "1e-1001",
        "1E+2147483648",
        "1e99999999999",
        "1" + "0".repeat(70),
        "0." + "0".repeat(70) + "1",
        "9".repeat(64),
        "1.1234567",
        "0.0000001",
        "123.4567891",
        "1.00001",
        "99999999999.99995",
        "100000000000",
        "999999999999999999999",
        "\"NaN\"",
        "\"Infinity\"",
        "\"-Infinity\"",
        "\"1.5\"",
        "\"\"",
        "true",
        "false",
        "null",
        "[]",
        "{}",
        "[1]",
        "{\"value\":1}",
        "1.5e3.2");
  }

  /** Documents that are no JSON, or JSON of the wrong shape for any body of the API. */
  static List<String> badJson() {
    List<String> documents =
        new ArrayList<>(
            List.of(
                "",
                " ",
                "{",
                "}",
                "[",
                "]",
                "{\"symbol\":",
                "{\"symbol\":\"A\"",
                "{symbol:\"A\"}",
                "{'symbol':'A'}",
                "{\"symbol\":\"A\",}",
                "{\"symbol\" \"A\"}",
                "{,}",
                "[,]",
                "NaN",
                "Infinity",
                "-Infinity",
                "{\"price\":NaN}",
                "{\"price\":Infinity}",
                "{\"price\":-Infinity}",
                "{\"price\":+1}",
                "{\"price\":01}",
                "{\"price\":1.}",
                "{\"price\":.5}",
                "{\"price\":0x10}",
                "{\"price\":1e}",
                "/* c */ {}",
                "{\"a\":1} // c",
                "{\"a\":1}{\"b\":2}",
                "{\"a\":1} x",
                "\"just a string\"",
                "42",
                "true",
                "null",
                "[]",
                "[1,2,3]",
                "{\"ticks\":5}",
                "{\"ticks\":\"x\"}",
                "{\"ticks\":{}}",
                "{\"ticks\":null}",
                "\u0000",
                "\ufeff{}",
                "{\"a\":\"\\x41\"}",
                "{\"a\":\"\\u12\"}",
                "{\"a\":\"unterminated}",
                "{\"a\":\"tab\there\"}",
                "{\"a\":\"nl\nhere\"}",
                "[" + "[".repeat(50_000) + "]".repeat(50_000) + "]",
                "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
                "[" + "{}".repeat(1) + "]".repeat(1000)));
    documents.add("{\"s\":\"" + "x".repeat(5000) + "\"}");
    documents.add("[" + "1,".repeat(100_001) + "1]");
    documents.add("{\"symbol\":\"AAA\",\"symbol\":\"BBB\",\"price\":1}");
    documents.add("{\"ticks\":[],\"ticks\":[]}");
    return documents;
  }
}
