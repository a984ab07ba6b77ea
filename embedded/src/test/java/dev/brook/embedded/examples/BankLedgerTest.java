package dev.brook.embedded.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.embedded.Brook;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example of docs/embedding.md, so it keeps compiling and working. */
class BankLedgerTest {
    @TempDir
    Path dir;

    @Test
    void mainRebuildsTheBalancesAfterRestart() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            BankLedger.main(new String[] {dir.toString()});
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("refused: insufficient funds in bob: 80 < 1000")
                .contains("before restart: {alice=70, bob=80}")
                .contains("rebuilt from the log: {alice=70, bob=80}");
    }

    @Test
    void balancesFoldEveryEventAndSurviveReopen() throws Exception {
        try (Brook brook = Brook.open(dir); BankLedger ledger = new BankLedger(brook)) {
            for (int i = 0; i < 100; i++) {
                ledger.deposit("acct-" + (i % 7), 10);
            }
            ledger.transfer("acct-0", "acct-1", 25);
            assertThatThrownBy(() -> ledger.withdraw("acct-2", 1_000)).isInstanceOf(IllegalStateException.class);
        }
        try (Brook brook = Brook.open(dir); BankLedger ledger = new BankLedger(brook)) {
            Map<String, Long> balances = ledger.balances();
            assertThat(balances.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1_000);
            assertThat(balances).containsEntry("acct-0", 150L - 25).containsEntry("acct-1", 150L + 25);
        }
    }
}
