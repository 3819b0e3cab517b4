//! `JP`: national holidays of Japan. Expected dates from the Cabinet Office's list of national
//! holidays (https://www8.cao.go.jp/chosei/shukujitsu/syukujitsu.csv, 1955-2027, with the
//! substitute and citizens' holidays marked 休日), the Cabinet Office's page on the holidays
//! (https://www8.cao.go.jp/chosei/shukujitsu/gaiyou.html) and the laws named in each case.

use super::*;

#[test]
fn the_2019_enthronement_golden_week() {
    // Act No. 99 of 2018: 1 May 2019 a rest day; 30 April and 2 May between two holidays
    // (Cabinet Office list: 2019/4/30 休日, 2019/5/1 休日（祝日扱い）, 2019/5/2 休日).
    assert_holiday("JP", "2019-04-29", "Showa Day");
    assert_holiday("JP", "2019-04-30", "Citizens' Holiday");
    assert_holiday("JP", "2019-05-01", "Enthronement Day");
    assert_holiday("JP", "2019-05-02", "Citizens' Holiday");
    // Children's Day on a Sunday: 6 May (2019/5/6 休日).
    assert_holiday("JP", "2019-05-06", "Children's Day (observed)");
    // 22 October 2019, the Enthronement Ceremony (Act No. 99 of 2018).
    assert_holiday("JP", "2019-10-22", "Enthronement Ceremony");
}

#[test]
fn the_emperors_birthday_moves_from_december_to_february() {
    // Cabinet Office list: 2018/12/23 天皇誕生日 (a Sunday), 2018/12/24 休日.
    assert_holiday("JP", "2018-12-23", "Emperor's Birthday");
    assert_holiday("JP", "2018-12-24", "Emperor's Birthday (observed)");
    // No Emperor's Birthday in 2019 (Act No. 63 of 2017): 23 December 2019 is a Monday.
    assert_business_day("JP", "2019-12-23");
    // 2020/2/23 天皇誕生日 (a Sunday), 2020/2/24 休日.
    assert_holiday("JP", "2020-02-23", "Emperor's Birthday");
    assert_holiday("JP", "2020-02-24", "Emperor's Birthday (observed)");
}

#[test]
fn the_olympic_moves_of_2020_and_2021() {
    // Olympic special measures act (Act No. 33 of 2015, as amended in 2018): 2020/7/23 海の日,
    // 2020/7/24 スポーツの日, 2020/8/10 山の日.
    assert_holiday("JP", "2020-07-23", "Marine Day");
    assert_holiday("JP", "2020-07-24", "Sports Day");
    assert_holiday("JP", "2020-08-10", "Mountain Day");
    assert_business_day("JP", "2020-07-20");
    assert_business_day("JP", "2020-10-12");
    // As amended in 2020 (Act No. 68 of 2020): 2021/7/22 海の日, 2021/7/23 スポーツの日,
    // 2021/8/8 山の日 (a Sunday), 2021/8/9 休日.
    assert_holiday("JP", "2021-07-22", "Marine Day");
    assert_holiday("JP", "2021-07-23", "Sports Day");
    assert_holiday("JP", "2021-08-08", "Mountain Day");
    assert_holiday("JP", "2021-08-09", "Mountain Day (observed)");
    assert_business_day("JP", "2021-07-19");
    assert_business_day("JP", "2021-10-11");
}

#[test]
fn the_happy_monday_moves() {
    // Act No. 141 of 1998: Coming of Age Day on 15 January until 1999, then the second Monday.
    assert_holiday("JP", "1999-01-15", "Coming of Age Day");
    assert_holiday("JP", "2000-01-10", "Coming of Age Day");
    assert_business_day("JP", "2001-01-15");
    // Health and Sports Day on 10 October until 1999 (1999/10/10 a Sunday, 1999/10/11 休日),
    // then the second Monday of October.
    assert_holiday("JP", "1999-10-11", "Health and Sports Day (observed)");
    assert_holiday("JP", "2000-10-09", "Health and Sports Day");
    // Act No. 59 of 2001: Marine Day (20 July since 1996; 1997/7/20 a Sunday, 1997/7/21 休日)
    // and Respect for the Aged Day (15 September; 2002/9/15 a Sunday, 2002/9/16 休日) move to
    // the third Monday from 2003.
    assert_holiday("JP", "1996-07-20", "Marine Day");
    assert_holiday("JP", "1997-07-21", "Marine Day (observed)");
    assert_holiday("JP", "2003-07-21", "Marine Day");
    assert_holiday("JP", "2002-09-16", "Respect for the Aged Day (observed)");
    assert_holiday("JP", "2003-09-15", "Respect for the Aged Day");
    assert_business_day("JP", "1995-07-20");
}

#[test]
fn showa_day_greenery_day_and_mountain_day() {
    // Act No. 43 of 2005: 29 April Greenery Day until 2006, Showa Day from 2007
    // (2007/4/29 a Sunday, 2007/4/30 休日); Greenery Day on 4 May from 2007.
    assert_holiday("JP", "2006-04-29", "Greenery Day");
    assert_holiday("JP", "2007-04-29", "Showa Day");
    assert_holiday("JP", "2007-04-30", "Showa Day (observed)");
    assert_holiday("JP", "2007-05-04", "Greenery Day");
    // Act No. 43 of 2014: Mountain Day, 11 August, from 2016.
    assert_business_day("JP", "2015-08-11");
    assert_holiday("JP", "2016-08-11", "Mountain Day");
}

#[test]
fn substitute_holidays_before_and_after_2007() {
    // Until 2006 the next day: 1992/5/3 a Sunday, 1992/5/4 休日; 2006/1/1 a Sunday, 2006/1/2 休日.
    assert_holiday("JP", "1992-05-04", "Constitution Memorial Day (observed)");
    assert_holiday("JP", "2006-01-02", "New Year's Day (observed)");
    // From 2007 the next day that is not a national holiday: 2009/5/3 a Sunday, 2009/5/6 休日;
    // 2008/5/4 (Greenery Day) a Sunday, 2008/5/6 休日.
    assert_holiday("JP", "2009-05-06", "Constitution Memorial Day (observed)");
    assert_holiday("JP", "2008-05-06", "Greenery Day (observed)");
    // 2027/3/21 春分の日 (a Sunday), 2027/3/22 休日 (announced in the Official Gazette, 2026).
    assert_holiday("JP", "2027-03-21", "Vernal Equinox Day");
    assert_holiday("JP", "2027-03-22", "Vernal Equinox Day (observed)");
}

#[test]
fn citizens_holidays() {
    // Act No. 103 of 1985: 4 May between Constitution Memorial Day and Children's Day, from
    // 1988 (1988/5/4 休日), also on a Saturday (1991/5/4 休日).
    assert_holiday("JP", "1988-05-04", "Citizens' Holiday");
    assert_holiday("JP", "1991-05-04", "Citizens' Holiday");
    // 1997/5/4 was a Sunday: excluded until 2006, so no citizens' holiday that year.
    assert_eq!(names_on("JP", "1997-05-04"), Vec::<String>::new());
    // The September days between Respect for the Aged Day and Autumnal Equinox Day:
    // 2009/9/22, 2015/9/22 and 2026/9/22 休日.
    assert_holiday("JP", "2009-09-22", "Citizens' Holiday");
    assert_holiday("JP", "2015-09-22", "Citizens' Holiday");
    assert_holiday("JP", "2026-09-22", "Citizens' Holiday");
}

#[test]
fn computed_equinox_days() {
    // Cabinet Office list: 2012/9/22, 2016/9/22, 2020/9/22, 2024/9/22 秋分の日; 2026/3/20 春分の日.
    assert_holiday("JP", "2012-09-22", "Autumnal Equinox Day");
    assert_holiday("JP", "2016-09-22", "Autumnal Equinox Day");
    assert_holiday("JP", "2024-09-22", "Autumnal Equinox Day");
    assert_holiday("JP", "2026-03-20", "Vernal Equinox Day");
    assert_business_day("JP", "2012-09-21");
    // 1993/3/20 春分の日 (the equinox at 23:41 in Tokyo).
    assert_holiday("JP", "1993-03-20", "Vernal Equinox Day");
    // Every covered year has exactly one of each.
    let cal = calendar("JP");
    for year in cal.first_year()..=cal.last_year() {
        let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        let holidays = cal.holidays_between(from, to).unwrap();
        for (name, month) in [("Vernal Equinox Day", 3), ("Autumnal Equinox Day", 9)] {
            let days: Vec<_> = holidays.iter().filter(|h| h.name() == name).collect();
            assert_eq!(days.len(), 1, "{year} {name}");
            assert_eq!(days[0].date().month(), month, "{year} {name}");
        }
    }
}

#[test]
fn one_off_rest_days() {
    // Act No. 4 of 1989, Act No. 24 of 1990, Act No. 32 of 1993.
    assert_holiday("JP", "1989-02-24", "Funeral of Emperor Showa");
    assert_holiday("JP", "1990-11-12", "Enthronement Ceremony");
    assert_holiday("JP", "1993-06-09", "Wedding of Crown Prince Naruhito");
}

#[test]
fn the_year_end_office_closure_is_not_a_national_holiday() {
    // Government offices close 29 December to 3 January (Act No. 91 of 1988), but these are
    // not national holidays (Act on National Holidays, art. 2).
    assert_business_day("JP", "2026-12-29");
    assert_business_day("JP", "2026-12-31");
    assert_business_day("JP", "2027-01-04");
}

#[test]
fn the_holidays_of_2026() {
    // Cabinet Office list, 2026: 元日, 成人の日 1/12, 建国記念の日, 天皇誕生日, 春分の日 3/20,
    // 昭和の日, 憲法記念日 (Sunday), みどりの日, こどもの日, 休日 5/6, 海の日 7/20, 山の日,
    // 敬老の日 9/21, 休日 9/22, 秋分の日 9/23, スポーツの日 10/12, 文化の日, 勤労感謝の日.
    assert_holiday_count("JP", 2026, 18);
    assert_holiday("JP", "2026-05-06", "Constitution Memorial Day (observed)");
    assert_holiday("JP", "2026-10-12", "Sports Day");
}
