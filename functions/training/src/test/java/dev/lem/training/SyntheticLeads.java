package dev.lem.training;

import java.util.Random;

/** Reproducible CSV files of leads whose outcome follows a known rule. */
final class SyntheticLeads {

    private SyntheticLeads() {}

    /** Outcome driven by a numeric column and one category: logistic regression's home ground. */
    static String linear(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("lead_id;visits;channel;noise;converted\n");
        String[] channels = {"webinar", "ads", "referral"};
        for (int i = 0; i < rows; i++) {
            double visits = random.nextInt(20);
            String channel = channels[random.nextInt(3)];
            double logit = -3 + 0.25 * visits + (channel.equals("referral") ? 1.5 : 0);
            boolean converted = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            csv.append("L").append(i).append(';').append((int) visits).append(';').append(channel).append(';')
                    .append(random.nextGaussian()).append(';').append(converted ? "won" : "lost").append('\n');
        }
        return csv.toString();
    }

    /** Outcome driven by an interaction (XOR of two categories) that a linear model cannot express. */
    static String interaction(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("size,region,y\n");
        for (int i = 0; i < rows; i++) {
            boolean large = random.nextBoolean();
            boolean north = random.nextBoolean();
            double p = large ^ north ? 0.7 : 0.1;
            csv.append(large ? "large" : "small").append(',').append(north ? "north" : "south").append(',')
                    .append(random.nextDouble() < p ? "yes" : "no").append('\n');
        }
        return csv.toString();
    }

    /** Four leads a day from 2026-01-01, outcome driven by {@code visits}: columns day, visits, channel, y. */
    static CsvTable dated(int rows, long seed) {
        return daily(rows, seed, Integer.MAX_VALUE);
    }

    /**
     * 1,200 leads over 300 days (four a day) whose outcome follows {@code visits} until day 270 and the opposite
     * afterwards: in the last 20 % (from day 240), a model trained once learned the old rule.
     */
    static CsvTable flipping(long seed) {
        return daily(1200, seed, 270);
    }

    private static CsvTable daily(int rows, long seed, int flipDay) {
        Random random = new Random(seed);
        java.util.List<String[]> table = new java.util.ArrayList<>();
        java.time.LocalDate start = java.time.LocalDate.of(2026, 1, 1);
        String[] channels = {"webinar", "ads", "referral"};
        for (int i = 0; i < rows; i++) {
            int day = i / 4;
            int visits = random.nextInt(10);
            boolean many = visits > 5;
            boolean converted = random.nextDouble() < ((day < flipDay) == many ? 0.6 : 0.1);
            table.add(new String[] {start.plusDays(day).toString(), Integer.toString(visits),
                    channels[random.nextInt(3)], converted ? "yes" : "no"});
        }
        return new CsvTable(java.util.List.of("day", "visits", "channel", "y"), table);
    }
}
