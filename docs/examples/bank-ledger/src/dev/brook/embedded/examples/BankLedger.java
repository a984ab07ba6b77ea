package dev.brook.embedded.examples;

import dev.brook.embedded.Brook;
import dev.brook.embedded.BrookRecord;
import dev.brook.embedded.Producer;
import dev.brook.embedded.Reader;
import dev.brook.embedded.Serdes;
import dev.brook.embedded.StartPosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An event-sourced bank-account ledger on embedded Brook (the example of docs/embedding.md).
 *
 * <p>Commands ({@code deposit}, {@code withdraw}, {@code transfer}) are checked against the current balances and,
 * if valid, appended as events to the {@code ledger} topic keyed by account, so all events of an account sit in
 * one partition in order. A reader folds the events into balances; after a restart the balances are rebuilt by
 * reading the log from the beginning: the log is the only state.
 *
 * <p>Events are UTF-8 strings {@code <type>:<amount>}, for example {@code deposit:100} or {@code withdraw:30};
 * a transfer is a withdraw event on one account and a deposit event on the other.
 */
public final class BankLedger implements AutoCloseable {
    static final String TOPIC = "ledger";

    private final Brook brook;
    private final Producer<String, String> events;
    private final Reader<String, String> projection;
    private final Map<String, Long> balances = new TreeMap<>();

    /** Opens the ledger on {@code brook}, creating the topic on first use and rebuilding balances from the log. */
    public BankLedger(Brook brook) {
        this.brook = brook;
        if (!brook.topics().exists(TOPIC)) {
            brook.topics().create(TOPIC, 3);
        }
        this.events = brook.producer(Serdes.string(), Serdes.string());
        this.projection = brook.reader(TOPIC, Serdes.string(), Serdes.string(), StartPosition.earliest());
        catchUp();
    }

    /** Folds every event appended since the last call into the balances. */
    private void catchUp() {
        List<BrookRecord<String, String>> batch;
        while (!(batch = projection.poll(Duration.ZERO)).isEmpty()) {
            for (BrookRecord<String, String> event : batch) {
                String[] parts = event.value().split(":");
                long amount = Long.parseLong(parts[1]);
                balances.merge(event.key(), parts[0].equals("deposit") ? amount : -amount, Long::sum);
            }
        }
    }

    /** Appends a deposit. */
    public synchronized void deposit(String account, long amount) {
        requirePositive(amount);
        events.sendSync(TOPIC, account, "deposit:" + amount);
        catchUp();
    }

    /**
     * Appends a withdrawal if the account holds enough.
     *
     * @throws IllegalStateException if it does not
     */
    public synchronized void withdraw(String account, long amount) {
        requirePositive(amount);
        catchUp();
        if (balance(account) < amount) {
            throw new IllegalStateException("insufficient funds in " + account + ": " + balance(account) + " < "
                    + amount);
        }
        events.sendSync(TOPIC, account, "withdraw:" + amount);
        catchUp();
    }

    /** Moves money between accounts: a withdrawal then a deposit. */
    public synchronized void transfer(String from, String to, long amount) {
        withdraw(from, amount);
        deposit(to, amount);
    }

    /** An account's balance (0 if it has no events). */
    public synchronized long balance(String account) {
        catchUp();
        return balances.getOrDefault(account, 0L);
    }

    /** Every account's balance, sorted by account. */
    public synchronized Map<String, Long> balances() {
        catchUp();
        return java.util.Collections.unmodifiableMap(new TreeMap<>(balances)); // sorted: printed in a stable order
    }

    private static void requirePositive(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
    }

    @Override
    public void close() {
        projection.close();
        events.close();
    }

    /**
     * Runs a few commands, closes Brook, reopens the same directory and prints the balances rebuilt from the log.
     *
     * @param args optionally the data directory (default: a new temporary one)
     */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("bank-ledger-");
        try (Brook brook = Brook.open(dir); BankLedger ledger = new BankLedger(brook)) {
            ledger.deposit("alice", 100);
            ledger.deposit("bob", 50);
            ledger.transfer("alice", "bob", 30);
            try {
                ledger.withdraw("bob", 1_000);
            } catch (IllegalStateException refused) {
                System.out.println("refused: " + refused.getMessage());
            }
            System.out.println("before restart: " + ledger.balances());
        }
        try (Brook brook = Brook.open(dir); BankLedger ledger = new BankLedger(brook)) {
            System.out.println("rebuilt from the log: " + ledger.balances());
        }
    }
}
