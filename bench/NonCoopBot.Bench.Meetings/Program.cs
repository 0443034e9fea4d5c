using System.Diagnostics;
using System.Globalization;
using NonCoopBot.Domain.Meetings;

// The emergency-meeting ranking (SlotRanking.Rank) on 25 members × 14 days at 15-minute steps (1,344 cells, 1,341
// one-hour slots). 18 members have calendars (3 to 6 items a working day, busy / tentative / out of office / working
// elsewhere) and working hours in Windows time-zone ids across 6 zones, kept to; 7 vote on 6 slots each. Seeded,
// so every run ranks the same data. Prints the median, p95 and max of single calls after a warm-up.
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var start = new DateTimeOffset(2026, 10, 19, 0, 0, 0, TimeSpan.Zero); // the window crosses both 2026 autumn DST changes
var request = new MeetingRequest(start, start.AddDays(14), TimeSpan.FromHours(1), 13, ["m00", "m07"], KeepToWorkingHours: true);
var zones = new[] { "Eastern Standard Time", "W. Europe Standard Time", "Tokyo Standard Time", "E. Africa Standard Time", "SA Pacific Standard Time", "India Standard Time" };
var random = new Random(20261202);
var members = new List<MemberAvailability>();
for (var m = 0; m < 25; m++)
{
    var id = "m" + m.ToString("D2", CultureInfo.InvariantCulture);
    if (m >= 18)
    {
        var votes = Enumerable.Range(0, 6).ToDictionary(i => start.AddHours(14 + (i * 24)), _ => (SlotAnswer)random.Next(1, 4));
        members.Add(new MemberAvailability(id, null, votes));
        continue;
    }

    var items = new List<BusyInterval>();
    for (var day = 0; day < 14; day++)
    {
        for (var k = random.Next(3, 7); k > 0; k--)
        {
            var at = start.AddDays(day).AddMinutes(random.Next(0, 96) * 15 + random.Next(0, 15));
            items.Add(new BusyInterval(at, at.AddMinutes(random.Next(2, 9) * 15), (FreeBusy)random.Next(1, 5)));
        }
    }

    var hours = new WorkingHours([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(8, 0), new TimeOnly(19, 0), zones[m % zones.Length]);
    members.Add(new MemberAvailability(id, new MemberCalendar(items, hours), new Dictionary<DateTimeOffset, SlotAnswer>()));
}

for (var i = 0; i < 50; i++)
{
    SlotRanking.Rank(request, members, 5);
}

var times = new double[iterations];
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
IReadOnlyList<RankedSlot> best = [];
for (var i = 0; i < iterations; i++)
{
    var watch = Stopwatch.StartNew();
    best = SlotRanking.Rank(request, members, 5);
    times[i] = watch.Elapsed.TotalMilliseconds;
}

var cpuPerCall = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;
Array.Sort(times);
Console.WriteLine(FormattableString.Invariant($"SlotRanking.Rank: 25 members x 14 days, 15-minute steps, 60-minute meeting, working hours kept, {iterations} calls"));
Console.WriteLine(FormattableString.Invariant($"median {times[iterations / 2]:F3} ms, p95 {times[(int)(iterations * 0.95)]:F3} ms, max {times[^1]:F3} ms (goal: 5 ms)"));
Console.WriteLine(FormattableString.Invariant($"CPU time per call {cpuPerCall:F3} ms (wall-clock tails grow with other load on the machine; load average: {LoadAverage()})"));
Console.WriteLine(FormattableString.Invariant($"best slot {best[0].Start:yyyy-MM-dd HH:mm} UTC: {best[0].CanAttend} can attend, quorum {(best[0].Qualifies ? "met with the required members" : "not met")}"));
return times[iterations / 2] <= 5 ? 0 : 1;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
