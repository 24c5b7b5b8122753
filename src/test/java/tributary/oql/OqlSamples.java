package tributary.oql;

import java.util.List;

/** Queries valid against {@link TestCatalog}: the spec's examples, iTop's normalization cases and more. */
final class OqlSamples {

    private OqlSamples() {
    }

    static List<String> valid() {
        return List.of(
        "SELECT Organization",
        "SELECT Person WHERE name = 'Monet' AND first_name = 'Claude'",
        "SELECT Person AS p WHERE p.email LIKE '%@demo.com'",
        "SELECT Server WHERE status IN ('production', 'implementation')",
        "SELECT Server WHERE status NOT IN ('obsolete') AND org_name = 'Demo'",
        "SELECT Person AS p JOIN Organization AS o ON p.org_id = o.id WHERE o.name = 'Demo'",
        "SELECT o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id WHERE p.name = 'Monet'",
        "SELECT p, o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id",
        "SELECT Organization AS child JOIN Organization AS root ON child.parent_id BELOW root.id WHERE root.name = 'Demo'",
        "SELECT UserRequest WHERE status NOT IN ('closed', 'resolved') AND agent_id = :current_contact_id",
        "SELECT UserRequest AS u WHERE u.start_date < DATE_SUB(NOW(), INTERVAL 60 MINUTE) AND u.status = 'new'",
        "SELECT Contract AS c WHERE c.end_date > NOW() AND c.end_date < DATE_ADD(NOW(), INTERVAL 30 DAY)",
        "SELECT Server WHERE id NOT IN (SELECT Server AS s JOIN lnkApplicationSolutionToFunctionalCI AS l ON l.functionalci_id = s.id)",
        "SELECT Person WHERE org_id = 3 UNION SELECT Team WHERE org_id = 3",
        "SELECT Ticket WHERE finalclass IN ('UserRequest', 'Incident') AND title LIKE '%disk%'",
        "SELECT DatacenterDevice AS d WHERE INET_ATON(d.managementip) > INET_ATON('10.22.32.224') AND INET_ATON(d.managementip) < INET_ATON('10.22.32.255')",
        "SELECT Server WHERE name REGEXP '^dbserver[0-9]+'",
        "SELECT Server WHERE ISNULL(purchase_date)",
        // iTop's normalization cases that pass
        "SELECT Contact", "SELECT Contact AS c WHERE name = \"foo\"", "SELECT Contact AS c WHERE c.name = \"foo\"",
        "SELECT Organization AS root JOIN Organization AS child ON child.parent_id BELOW root.id",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id = p.id WHERE p.name LIKE \"foo\"",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id BELOW p.id WHERE p.name LIKE \"bar\"",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id = p.id WHERE   name LIKE \"foo\"",
        "SELECT Person AS p JOIN Organization AS o ON p.org_id = o.id WHERE p.name LIKE \"foo\" AND o.name LIKE \"land\"",
        "SELECT Person AS p JOIN Location AS l ON p.location_id = l.id",
        "SELECT Person FROM Person JOIN Location ON Person.location_id = Location.id",
        "SELECT p FROM Person AS p JOIN Location AS l ON p.location_id = l.id",
        "SELECT l FROM Person AS p JOIN Location AS l ON p.location_id = l.id",
        "SELECT l, p FROM Person AS p JOIN Location AS l ON p.location_id = l.id",
        // polymorphism, pseudo attributes, sub-queries using outer aliases
        "SELECT Contact WHERE finalclass = 'Person' AND friendlyname LIKE 'C%' AND obsolescence_flag = 0",
        "SELECT Person WHERE org_id_friendlyname = 'Demo' AND location_id_friendlyname = 'Paris' AND id > 0",
        "SELECT UserRequest AS u WHERE u.org_id IN (SELECT Organization AS o WHERE o.id = u.org_id)",
        "SELECT UserRequest AS Ur WHERE Ur.id NOT IN (SELECT UserRequest AS Ur WHERE Ur.status = 'new')",
        "SELECT Ticket AS t WHERE t.agent_name = 'Claude Monet' AND t.org_id = '3'",
        "SELECT Server WHERE org_parent_name = 'Demo' AND monitored = 1 AND cpu_count >= 2 AND ram_gb < '1.5'",
        "SELECT p, l FROM Person AS p JOIN Location AS l ON p.location_id = l.id UNION SELECT p, l FROM Person AS p JOIN Location AS l ON p.location_id = l.id",
        "SELECT Ticket WHERE DATE_FORMAT(start_date, '%Y-%m') = '2024-01' AND YEAR(start_date) = 2024",
        "SELECT `Contact` AS `my alias` WHERE `my alias`.`name` = 'x'"
        );
    }
}
