package io.decisioning.service.manager;

import io.decisioning.service.system.UserAccount;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** A customer's contacts (DESIGN.md section 12): logged by their account manager or the CRM, read by the service's readers. */
@RestController
@RequestMapping("/api/v1/customers/{customerNo}/contacts")
class ContactController {

    private final ContactService contacts;

    ContactController(ContactService contacts) {
        this.contacts = contacts;
    }

    /** Logs a contact with the customer (a visit, a call, a care action, a survey). */
    @PostMapping
    ResponseEntity<Contact> log(@PathVariable String customerNo, @Valid @RequestBody NewContact request,
                                @AuthenticationPrincipal UserAccount user) {
        Contact contact = contacts.log(customerNo, request, user);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().build().toUri();
        return ResponseEntity.created(location).body(contact);
    }

    /** The customer's contacts, latest first. */
    @GetMapping
    List<Contact> list(@PathVariable String customerNo, @AuthenticationPrincipal UserAccount user) {
        return contacts.list(customerNo, user);
    }
}
