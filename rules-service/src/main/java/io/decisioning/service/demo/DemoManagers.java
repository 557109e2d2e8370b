package io.decisioning.service.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The register of account managers of the demo book (DESIGN.md section 12): the twelve managers the generator names
 * at each branch ({@code am.gdsz.01} ... {@code am.gdsz.12}), of every level (01 PRINCIPAL; 02-03 SENIOR; 04-06
 * REGULAR; 07-09 JUNIOR; 10-12 TRAINEE), one who has left ({@code am.gdsz.12}), one on leave ({@code am.sh.11}), one
 * code the register does not know ({@code am.sccd.12}, UNKNOWN), the 05s at capacity (set once the customers are
 * written), the 09s with their yearly qualification lapsed.
 */
final class DemoManagers {

    static final String LEFT = "am.gdsz.12";
    static final String ON_LEAVE = "am.sh.11";
    static final String UNREGISTERED = "am.sccd.12";
    /** The managers whose capacity is their number of customers: full. */
    static final String AT_CAPACITY_SUFFIX = ".05";

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"};
    private static final String[] GIVEN = {"伟", "芳", "敏", "静", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛"};

    private DemoManagers() {
    }

    /** A register row: code, name, branch, level, capacity, status, qualified until. */
    record Manager(String code, String name, String branchCode, String level, int capacity, String status,
                   LocalDate qualifiedUntil) {
    }

    static List<Manager> register(LocalDate today) {
        List<Manager> managers = new ArrayList<>();
        List<String> branches = DemoBook.branchCodes();
        for (int b = 0; b < branches.size(); b++) {
            String branch = branches.get(b);
            for (int n = 1; n <= 12; n++) {
                String code = "am." + branch.toLowerCase(Locale.ROOT).replace("-", "") + "." + "%02d".formatted(n);
                if (code.equals(UNREGISTERED)) {
                    continue;
                }
                String level = n == 1 ? "PRINCIPAL" : n <= 3 ? "SENIOR" : n <= 6 ? "REGULAR" : n <= 9 ? "JUNIOR" : "TRAINEE";
                String status = code.equals(LEFT) ? "LEFT" : code.equals(ON_LEAVE) ? "ON_LEAVE" : "ACTIVE";
                LocalDate qualified = n == 9 ? today.minusDays(10) : today.plusDays(30L * n + b);
                managers.add(new Manager(code, SURNAMES[(b + n) % SURNAMES.length] + GIVEN[(b * 5 + n) % GIVEN.length] + "经理",
                        branch, level, n == 1 ? 120 : 80, status, qualified));
            }
        }
        return managers;
    }
}
