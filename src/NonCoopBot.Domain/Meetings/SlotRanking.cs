namespace NonCoopBot.Domain.Meetings;

/// <summary>
/// Ranks meeting slots (a pure function): slots that meet the quorum and have every required member able to
/// attend come first, then the number who can attend, with "yes" counted over "if need be", then the earliest.
/// </summary>
/// <remarks>
/// Slots start every 15 minutes (UTC-aligned) inside the window. A member with a readable calendar answers
/// "yes" when free or working elsewhere, "if need be" when tentative, "no" when busy or out of office, and "no"
/// outside their working hours when the request keeps to them. A member without a readable calendar is
/// "unknown" until they vote. A vote for a slot overrides the calendar. Cost: one pass over each member's
/// calendar items and working days, then members × slots × (duration / 15 min) array reads.
/// </remarks>
public static class SlotRanking
{
    private const byte Unknown = (byte)SlotAnswer.Unknown;
    private const byte No = (byte)SlotAnswer.No;
    private const byte IfNeedBe = (byte)SlotAnswer.IfNeedBe;
    private const byte Yes = (byte)SlotAnswer.Yes;

    /// <summary>The first slot start at or after <paramref name="at"/> (15-minute grid, UTC).</summary>
    public static DateTimeOffset AlignUp(DateTimeOffset at)
    {
        var ticks = MeetingRequest.Step.Ticks;
        var utc = at.UtcTicks;
        var aligned = (utc + ticks - 1) / ticks * ticks;
        return new DateTimeOffset(aligned, TimeSpan.Zero);
    }

    /// <summary>
    /// The best <paramref name="take"/> slots that do not overlap one another, best first.
    /// </summary>
    public static IReadOnlyList<RankedSlot> Rank(MeetingRequest request, IReadOnlyList<MemberAvailability> members, int take)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        var grid = Grid.Of(request);
        if (grid.Slots <= 0)
        {
            return [];
        }

        var answers = new byte[members.Count][];
        for (var m = 0; m < members.Count; m++)
        {
            answers[m] = SlotAnswers(request, grid, members[m]);
        }

        var required = new bool[members.Count];
        var requiredCount = 0;
        for (var m = 0; m < members.Count; m++)
        {
            if (request.RequiredMemberIds.Contains(members[m].MemberId, StringComparer.Ordinal))
            {
                required[m] = true;
                requiredCount++;
            }
        }

        var keys = new long[grid.Slots];
        var order = new int[grid.Slots];
        for (var s = 0; s < grid.Slots; s++)
        {
            int yes = 0, maybe = 0, requiredOk = 0;
            for (var m = 0; m < answers.Length; m++)
            {
                var a = answers[m][s];
                if (a == Yes)
                {
                    yes++;
                }
                else if (a == IfNeedBe)
                {
                    maybe++;
                }
                else
                {
                    continue;
                }

                if (required[m])
                {
                    requiredOk++;
                }
            }

            var qualifies = yes + maybe >= request.Quorum && requiredOk == requiredCount ? 1L : 0L;
            // Higher is better: qualifies, then can attend, then yes; the index breaks ties (earliest first).
            keys[s] = (qualifies << 20) | ((long)(yes + maybe) << 10) | (long)yes;
            order[s] = s;
        }

        Array.Sort(order, (x, y) => keys[x] != keys[y] ? keys[y].CompareTo(keys[x]) : x.CompareTo(y));
        var picked = new List<int>(take);
        foreach (var s in order)
        {
            if (picked.All(p => Math.Abs(p - s) >= grid.SlotCells))
            {
                picked.Add(s);
                if (picked.Count == take)
                {
                    break;
                }
            }
        }

        return picked.Select(s => Describe(request, grid, members, answers, required, s)).ToList();
    }

    private static RankedSlot Describe(MeetingRequest request, Grid grid, IReadOnlyList<MemberAvailability> members, byte[][] answers, bool[] required, int s)
    {
        var yes = new List<string>();
        var maybe = new List<string>();
        var unknown = new List<string>();
        var requiredOk = true;
        for (var m = 0; m < members.Count; m++)
        {
            var a = answers[m][s];
            (a == Yes ? yes : a == IfNeedBe ? maybe : a == Unknown ? unknown : null)?.Add(members[m].MemberId);
            requiredOk &= !required[m] || a is Yes or IfNeedBe;
        }

        var start = grid.Start + (MeetingRequest.Step * s);
        return new RankedSlot(start, start + request.Duration, yes, maybe, unknown, yes.Count + maybe.Count >= request.Quorum, requiredOk);
    }

    /// <summary>The member's answer for every slot.</summary>
    private static byte[] SlotAnswers(MeetingRequest request, Grid grid, MemberAvailability member)
    {
        var slots = new byte[grid.Slots];
        if (member.Calendar is { } calendar)
        {
            var cells = CellAnswers(request, grid, calendar);
            for (var s = 0; s < grid.Slots; s++)
            {
                var worst = Yes;
                for (var c = s; c < s + grid.SlotCells; c++)
                {
                    worst = Math.Min(worst, cells[c]);
                }

                slots[s] = (byte)worst;
            }
        }

        foreach (var (start, vote) in member.Votes)
        {
            var offset = start - grid.Start;
            if (offset < TimeSpan.Zero || offset.Ticks % MeetingRequest.Step.Ticks != 0)
            {
                continue;
            }

            var s = (int)(offset.Ticks / MeetingRequest.Step.Ticks);
            if (s < grid.Slots)
            {
                slots[s] = (byte)vote;
            }
        }

        return slots;
    }

    /// <summary>The calendar's answer for every 15-minute cell of the window.</summary>
    private static byte[] CellAnswers(MeetingRequest request, Grid grid, MemberCalendar calendar)
    {
        var cells = new byte[grid.Cells];
        var zone = request.KeepToWorkingHours && calendar.WorkingHours is { } wh ? TimeZones.Find(wh.TimeZone) : null;
        if (zone is null)
        {
            Array.Fill(cells, Yes);
        }
        else
        {
            PaintWorkingHours(grid, calendar.WorkingHours!, zone, cells);
        }

        foreach (var item in calendar.Items)
        {
            var answer = item.Status switch
            {
                FreeBusy.Tentative => IfNeedBe,
                FreeBusy.Busy or FreeBusy.OutOfOffice => No,
                _ => Yes,
            };
            if (answer == Yes || item.End <= grid.Start || item.Start >= grid.End)
            {
                continue;
            }

            var first = Math.Max(0, (int)((item.Start - grid.Start).Ticks / MeetingRequest.Step.Ticks));
            var last = Math.Min(grid.Cells, (int)Math.Ceiling((item.End - grid.Start).Ticks / (double)MeetingRequest.Step.Ticks));
            for (var c = first; c < last; c++)
            {
                cells[c] = Math.Min(cells[c], answer);
            }
        }

        return cells;
    }

    /// <summary>Cells wholly inside a working day become "yes"; the rest stay "no".</summary>
    private static void PaintWorkingHours(Grid grid, WorkingHours hours, TimeZoneInfo zone, byte[] cells)
    {
        Array.Fill(cells, No);
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(grid.Start, zone).DateTime).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(grid.End, zone).DateTime);
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (!hours.Days.Contains(day.DayOfWeek))
            {
                continue;
            }

            var from = ToUtc(day.ToDateTime(hours.Start), zone);
            var to = ToUtc(hours.End > hours.Start ? day.ToDateTime(hours.End) : day.AddDays(1).ToDateTime(hours.End), zone);
            var first = Math.Max(0, (int)Math.Ceiling((from - grid.Start).Ticks / (double)MeetingRequest.Step.Ticks));
            var last = Math.Min(grid.Cells, (int)Math.Floor((to - grid.Start).Ticks / (double)MeetingRequest.Step.Ticks));
            for (var c = first; c < last; c++)
            {
                cells[c] = Yes;
            }
        }
    }

    /// <summary>Local wall time to UTC; a time skipped by a daylight-saving change moves forward by the gap.</summary>
    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private readonly record struct Grid(DateTimeOffset Start, DateTimeOffset End, int Cells, int SlotCells, int Slots)
    {
        public static Grid Of(MeetingRequest request)
        {
            var start = AlignUp(request.WindowStart);
            var cells = request.WindowEnd <= start ? 0 : (int)((request.WindowEnd - start).Ticks / MeetingRequest.Step.Ticks);
            var slotCells = Math.Max(1, (int)Math.Ceiling(request.Duration.Ticks / (double)MeetingRequest.Step.Ticks));
            return new Grid(start, start + (MeetingRequest.Step * cells), cells, slotCells, cells - slotCells + 1);
        }
    }
}
