//! `US`: federal holidays. Expected dates from the Office of Personnel Management's federal
//! holiday tables (https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/) and
//! 5 U.S.C. 6103.

use super::*;

#[test]
fn new_year_on_a_saturday_is_observed_the_friday_before_in_the_previous_year() {
    // OPM 2022 table: "Friday, December 31, 2021* New Year's Day".
    assert_holiday("US", "2021-12-31", "New Year's Day (observed)");
    // OPM 2011 table: "Friday, December 31, 2010* New Year's Day".
    assert_holiday("US", "2010-12-31", "New Year's Day (observed)");
}

#[test]
fn sunday_holidays_are_observed_the_monday_after() {
    // OPM 2022 table: "Monday, December 26* Christmas Day".
    assert_holiday("US", "2022-12-26", "Christmas Day (observed)");
    // OPM 2023 table: "Monday, January 2* New Year's Day".
    assert_holiday("US", "2023-01-02", "New Year's Day (observed)");
    // OPM 2021 table: "Monday, July 5* Independence Day".
    assert_holiday("US", "2021-07-05", "Independence Day (observed)");
}

#[test]
fn saturday_holidays_are_observed_the_friday_before() {
    // OPM 2026 table: "Friday, July 3* Independence Day".
    assert_holiday("US", "2026-07-03", "Independence Day (observed)");
    // OPM 2023 table: "Friday, November 10* Veterans Day".
    assert_holiday("US", "2023-11-10", "Veterans Day (observed)");
}

#[test]
fn juneteenth_from_2021() {
    // Pub. L. 117-17, signed 2021-06-17; OPM 2021: "Friday, June 18* Juneteenth".
    assert_holiday(
        "US",
        "2021-06-18",
        "Juneteenth National Independence Day (observed)",
    );
    assert_business_day("US", "2020-06-19");
    // OPM 2026 table: "Friday, June 19 Juneteenth National Independence Day".
    assert_holiday("US", "2026-06-19", "Juneteenth National Independence Day");
    // OPM 2027 projected: Saturday June 19 observed Friday June 18.
    assert_holiday(
        "US",
        "2027-06-18",
        "Juneteenth National Independence Day (observed)",
    );
}

#[test]
fn martin_luther_king_day_from_1986() {
    // Pub. L. 98-144: first observed Monday 1986-01-20.
    assert_holiday("US", "1986-01-20", "Birthday of Martin Luther King, Jr.");
    assert_business_day("US", "1985-01-21");
    assert_holiday("US", "2026-01-19", "Birthday of Martin Luther King, Jr.");
}

#[test]
fn veterans_day_on_the_fourth_monday_of_october_from_1971_to_1977() {
    // Uniform Monday Holiday Act; Pub. L. 94-97 moved it back to November 11 from 1978.
    assert_holiday("US", "1975-10-27", "Veterans Day");
    assert_business_day("US", "1975-11-11");
    // 1978-11-11 was a Saturday: observed Friday 1978-11-10.
    assert_holiday("US", "1978-11-10", "Veterans Day (observed)");
}

#[test]
fn monday_holidays_and_thanksgiving_2026() {
    // OPM 2026 table.
    assert_holiday("US", "2026-02-16", "Washington's Birthday");
    assert_holiday("US", "2026-05-25", "Memorial Day");
    assert_holiday("US", "2026-09-07", "Labor Day");
    assert_holiday("US", "2026-10-12", "Columbus Day");
    assert_holiday("US", "2026-11-26", "Thanksgiving Day");
    assert_holiday("US", "2026-12-25", "Christmas Day");
    // Executive-order closures are not legal public holidays (Christmas Eve 2024).
    assert_business_day("US", "2024-12-24");
    // Eleven legal public holidays in 2026, none on a weekend but Independence Day.
    assert_holiday_count("US", 2026, 12);
}

#[test]
fn arithmetic_over_thanksgiving_and_the_year() {
    let us = calendar("US");
    assert_eq!(
        us.add_business_days(date("2026-11-20"), 15).unwrap(),
        date("2026-12-14")
    );
    assert_eq!(
        us.add_business_days(date("2026-11-25"), 1).unwrap(),
        date("2026-11-27")
    );
    // 261 weekdays in 2026, 11 of them federal holidays.
    assert_eq!(
        us.business_days_between(date("2026-01-01"), date("2027-01-01"))
            .unwrap(),
        250
    );
}

// `US-CA`: holidays of California state employees (Government Code s. 19853). Expected dates
// from CalHR's state holiday lists (https://www.calhr.ca.gov/employees/Pages/state-holidays.aspx)
// and the statute.

#[test]
fn california_observes_sunday_holidays_on_monday_and_not_saturday_ones() {
    // CalHR 2013: "Monday, April 1 - Cesar Chavez Day (observed)* Sunday holiday: Observed the
    // following Monday."
    assert_holiday("US-CA", "2013-04-01", "Cesar Chavez Day (observed)");
    assert_holiday("US-CA", "2022-12-26", "Christmas Day (observed)");
    // "Saturday holiday: ... you accrue holiday credit": Christmas 2021 (a Saturday) is not
    // moved to Friday 24 December, unlike the federal holiday.
    assert_business_day("US-CA", "2021-12-24");
    assert_holiday("US", "2021-12-24", "Christmas Day (observed)");
    // "(If Veteran's Day, November 11, falls on a Saturday, the holiday is observed the
    // preceding Friday.)": 2023.
    assert_holiday("US-CA", "2023-11-10", "Veterans Day (observed)");
}

#[test]
fn california_state_days_and_their_changes() {
    // CalHR 2014: "Monday, March 31 - Cesar Chavez Day", "Friday, November 28 - Day after
    // Thanksgiving". Cesar Chavez Day from 2001 (SB 984, 2000): none in 2000.
    assert_holiday("US-CA", "2014-03-31", "Cesar Chavez Day");
    assert_holiday("US-CA", "2014-11-28", "Day after Thanksgiving");
    assert_business_day("US-CA", "2000-03-31");
    assert_holiday("US-CA", "2002-04-01", "Cesar Chavez Day (observed)");
    // Gov. Code s. 19853(a) made 31 March a state employee holiday in 2004 and 2005 too: the
    // reported suspension for those years rests on no instrument that could be found.
    assert_holiday("US-CA", "2004-03-31", "Cesar Chavez Day");
    assert_holiday("US-CA", "2005-03-31", "Cesar Chavez Day");
    // Lincoln's Birthday and Columbus Day, eliminated for state employees by the February
    // 2009 budget agreement: last on 13 October 2008 and 12 February 2009.
    assert_holiday("US-CA", "2008-10-13", "Columbus Day");
    assert_business_day("US-CA", "2009-10-12");
    assert_holiday("US-CA", "2009-02-12", "Lincoln's Birthday");
    assert_business_day("US-CA", "2010-02-12");
    // Juneteenth is an elective day for state employees (AB 1655, 2022): offices open.
    assert_business_day("US-CA", "2026-06-19");
    // CalHR 2026: 11 holidays (Independence Day a Saturday, not moved).
    assert_holiday_count("US-CA", 2026, 11);
}

// `US-NY`: public holidays of the New York General Construction Law, s. 24. Expected dates from
// the Department of Civil Service's calendars of legal holidays for state employees
// (https://www.cs.ny.gov/attendance_leave/2021_legal_holidays.cfm) and the statute.

#[test]
fn new_york_2021_calendar_of_legal_holidays() {
    // Civil Service 2021: "FEBRUARY 12 Friday Lincoln's Birthday", "JUNE 19 Saturday
    // Juneteenth (b)" (a pass day, no weekday), "JULY 5 Monday Independence Day (Observed)",
    // "NOVEMBER 2 Tuesday Election Day", "DECEMBER 25 Saturday Christmas Day (b)".
    assert_holiday("US-NY", "2021-02-12", "Lincoln's Birthday");
    assert_holiday("US-NY", "2021-06-19", "Juneteenth");
    assert_business_day("US-NY", "2021-06-18");
    assert_holiday("US-NY", "2021-07-05", "Independence Day (observed)");
    assert_holiday("US-NY", "2021-11-02", "Election Day");
    assert_business_day("US-NY", "2021-12-24");
}

#[test]
fn new_york_sunday_rule_and_juneteenth_from_2021() {
    // GCL s. 24: "if any of such days except Flag day is Sunday, the next day thereafter":
    // Lincoln's Birthday 2023 on Monday 13 February, Christmas 2022 on Monday 26 December.
    assert_holiday("US-NY", "2023-02-13", "Lincoln's Birthday (observed)");
    assert_holiday("US-NY", "2022-12-26", "Christmas Day (observed)");
    // 4 NYCRR 21.1(b): a Saturday holiday is not observed: Veterans Day 2023.
    assert_business_day("US-NY", "2023-11-10");
    // Juneteenth by chapter 249 of the Laws of 2020.
    assert_business_day("US-NY", "2019-06-19");
    assert_holiday("US-NY", "2026-06-19", "Juneteenth");
    // Election Day every year, the Tuesday after the first Monday in November: 2 November
    // 2027 (1 November is a Monday), 7 November 2028.
    assert_holiday("US-NY", "2027-11-02", "Election Day");
    assert_holiday("US-NY", "2028-11-07", "Election Day");
    assert_holiday("US-NY", "2026-10-12", "Columbus Day");
}

// `US-TX`: days Texas state agencies close (Government Code ss. 662.003-662.004). Expected
// dates from the State Auditor's Office holiday schedules (https://hr.sao.texas.gov/Holidays/)
// and the statute.

#[test]
fn texas_closes_on_the_friday_after_thanksgiving_and_24_and_26_december() {
    // SAO schedules: 24 November 2023, 24 and 26 December 2024 (no skeleton crew,
    // s. 662.004(b)).
    assert_holiday("US-TX", "2023-11-24", "Friday after Thanksgiving");
    assert_holiday("US-TX", "2024-12-24", "Christmas Eve");
    assert_holiday("US-TX", "2024-12-26", "Day after Christmas");
    assert_holiday("US-TX", "2022-12-26", "Day after Christmas");
    // A weekend holiday is not moved: Christmas 2021 a Saturday, Monday 27 open; Friday
    // 24 December 2021 is a holiday in its own right.
    assert_holiday("US-TX", "2021-12-24", "Christmas Eve");
    assert_business_day("US-TX", "2021-12-27");
    assert_business_day("US-TX", "2026-07-03");
    assert_business_day("US-TX", "2023-11-10");
}

#[test]
fn texas_skeleton_crew_and_federal_only_days_are_business_days() {
    // s. 662.004(a): agencies stay open with enough staff on the other state holidays: Texas
    // Independence Day (Monday 2 March 2026), Emancipation Day (Friday 19 June 2026, which
    // the section lists instead of the federal Juneteenth), LBJ Day (Thursday 27 August 2026).
    assert_business_day("US-TX", "2026-03-02");
    assert_business_day("US-TX", "2026-06-19");
    assert_business_day("US-TX", "2026-08-27");
    // Columbus Day is not a Texas holiday.
    assert_business_day("US-TX", "2026-10-12");
    // The national holidays of s. 662.003(a).
    assert_holiday("US-TX", "2026-01-19", "Birthday of Martin Luther King, Jr.");
    assert_holiday("US-TX", "2026-11-11", "Veterans Day");
    assert_holiday_count("US-TX", 2026, 12);
}
