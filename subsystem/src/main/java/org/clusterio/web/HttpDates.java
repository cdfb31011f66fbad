package org.clusterio.web;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP dates (RFC 9110, 5.6.7): IMF-fixdate out; IMF-fixdate, the obsolete RFC 850 form and asctime in, as a
 * recipient must accept all three. An unreadable date, or one whose weekday is not its date's, is ignored, as the
 * RFC says. A two-digit RFC 850 year more than 50 years ahead is the last such year in the past. The asctime day's
 * padding space may arrive as one space (proxies and parsers fold runs of spaces), so any number is accepted.
 */
final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
    private static final Pattern IMF = Pattern.compile("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) " + MONTH + " (\\d{4}) " + TIME + " GMT");
    private static final Pattern RFC_850 = Pattern.compile("(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-" + MONTH + "-(\\d{2}) " + TIME + " GMT");
    private static final Pattern ASCTIME = Pattern.compile("(Mon|Tue|Wed|Thu|Fri|Sat|Sun) " + MONTH + " +(\\d{1,2}) " + TIME + " (\\d{4})");

    private HttpDates() {
    }

    static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    static Optional<Instant> parse(String value) {
        String date = value.strip();
        try {
            Matcher m = IMF.matcher(date);
            if (m.matches()) {
                return at(m.group(1), Integer.parseInt(m.group(4)), m.group(3), m.group(2), m.group(5), m.group(6), m.group(7));
            }
            m = RFC_850.matcher(date);
            if (m.matches()) {
                return at(m.group(1), fullYear(Integer.parseInt(m.group(4))), m.group(3), m.group(2), m.group(5), m.group(6), m.group(7));
            }
            m = ASCTIME.matcher(date);
            if (m.matches()) {
                return at(m.group(1), Integer.parseInt(m.group(7)), m.group(2), m.group(3).strip(), m.group(4), m.group(5), m.group(6));
            }
        } catch (DateTimeException e) {
            // 31 Feb and the like: as unreadable as any other bad date
        }
        return Optional.empty();
    }

    private static Optional<Instant> at(String weekday, int year, String month, String day, String hour, String minute, String second) {
        LocalDateTime time = LocalDateTime.of(year, monthOf(month), Integer.parseInt(day), Integer.parseInt(hour), Integer.parseInt(minute),
                Integer.parseInt(second));
        DayOfWeek actual = time.getDayOfWeek();
        boolean weekdayFits = weekday.equals(actual.getDisplayName(TextStyle.SHORT, Locale.US)) || weekday.equals(actual.getDisplayName(TextStyle.FULL, Locale.US));
        return weekdayFits ? Optional.of(time.toInstant(ZoneOffset.UTC)) : Optional.empty();
    }

    private static Month monthOf(String abbreviation) {
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.SHORT, Locale.US).equals(abbreviation)) {
                return month;
            }
        }
        throw new DateTimeException("no month " + abbreviation);
    }

    /** RFC 9110, 5.6.7: a two-digit year that looks more than 50 years in the future is in the past. */
    private static int fullYear(int twoDigits) {
        int thisYear = LocalDateTime.now(ZoneOffset.UTC).getYear();
        int year = thisYear - thisYear % 100 + twoDigits;
        return year > thisYear + 50 ? year - 100 : year;
    }
}
