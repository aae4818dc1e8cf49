package dev.lem.training;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The day of each row of a time-ordered CSV, read from the column(s) {@code --time} names:
 * <ul>
 *   <li>one column: an ISO date ({@code 2026-12-07}) or date-time ({@code 2026-12-07T10:15:00Z}, with or without
 *       offset, without one it is read as UTC; a space instead of the {@code T}, as exports write it, is accepted);</li>
 *   <li>two columns, day of month then month ({@code --time day,month}): the month as a number or an English name or
 *       abbreviation ({@code may}, {@code May}, {@code 5}); the year is not in the data, so it is counted from the time
 *       order: a month earlier than the previous row's starts a new year (a fictitious one: only the distance between
 *       days matters). A day past the end of its month in that year (29 February) is read as the month's last day.</li>
 * </ul>
 * Rows must be in time order: a day before the previous row's is an error naming the row.
 */
final class RowDates {

    private static final int FIRST_YEAR = 2000;
    private static final Map<String, Month> MONTH_NAMES = monthNames();

    private RowDates() {}

    static LocalDate[] of(CsvTable table, List<String> timeColumns) {
        if (timeColumns.isEmpty() || timeColumns.size() > 2) {
            throw new IllegalArgumentException("--time takes one date column or two (day of month, month), got "
                    + timeColumns);
        }
        int[] indexes = timeColumns.stream().mapToInt(name -> {
            int index = table.columnIndex(name);
            if (index < 0) {
                throw new BadTrainingDataException("--time names column '" + name + "' that the header does not have");
            }
            return index;
        }).toArray();
        LocalDate[] days = new LocalDate[table.rows().size()];
        int year = FIRST_YEAR;
        for (int i = 0; i < days.length; i++) {
            String[] row = table.rows().get(i);
            LocalDate previous = i == 0 ? null : days[i - 1];
            if (indexes.length == 1) {
                days[i] = isoDay(row[indexes[0]], i);
            } else {
                int dayOfMonth = dayOfMonth(row[indexes[0]], i);
                Month month = month(row[indexes[1]], i);
                if (previous != null && month.getValue() < previous.getMonthValue()) {
                    year++;
                }
                days[i] = LocalDate.of(year, month, Math.min(dayOfMonth, month.length(Year.isLeap(year))));
            }
            if (previous != null && days[i].isBefore(previous)) {
                throw new BadTrainingDataException("row " + (i + 1) + ": its time (" + days[i] + ") is before the"
                        + " previous row's (" + previous + "); rows must be in time order");
            }
        }
        return days;
    }

    private static LocalDate isoDay(String raw, int row) {
        // spreadsheet and database exports write "2026-12-07 10:15:00": read the space as ISO's T
        String value = raw.length() > 10 && raw.charAt(10) == ' ' ? raw.substring(0, 10) + 'T' + raw.substring(11) : raw;
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value);
            }
            try {
                return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            } catch (DateTimeException noOffset) {
                return LocalDateTime.parse(value).toLocalDate();
            }
        } catch (DateTimeException e) {
            throw new BadTrainingDataException("row " + (row + 1) + ": time '" + raw
                    + "' is not an ISO date (2026-12-07) or date-time (2026-12-07T10:15:00Z)");
        }
    }

    private static int dayOfMonth(String value, int row) {
        try {
            int day = Integer.parseInt(value);
            if (day >= 1 && day <= 31) {
                return day;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new BadTrainingDataException("row " + (row + 1) + ": day of month '" + value + "' is not 1 to 31");
    }

    private static Month month(String value, int row) {
        Month month = MONTH_NAMES.get(value.toLowerCase(Locale.ROOT));
        if (month == null) {
            throw new BadTrainingDataException("row " + (row + 1) + ": month '" + value
                    + "' is not a month (1 to 12, or a name such as may or May)");
        }
        return month;
    }

    private static Map<String, Month> monthNames() {
        Map<String, Month> names = new HashMap<>();
        for (Month month : Month.values()) {
            names.put(Integer.toString(month.getValue()), month);
            names.put(String.format(Locale.ROOT, "%02d", month.getValue()), month);
            names.put(month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), month);
            names.put(month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT), month);
        }
        return Map.copyOf(names);
    }
}
