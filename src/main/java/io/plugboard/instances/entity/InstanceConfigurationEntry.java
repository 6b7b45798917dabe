package io.plugboard.instances.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * One configuration value of an instance. A secret value (a provider token, a client secret)
 * is held only as ciphertext with its key id; a plain value as text. Never both.
 */
@Entity
@EntityListeners(InstanceChangeListener.class)
@Table(name = "instance_configuration")
public class InstanceConfigurationEntry {

    @Id
    @SequenceGenerator(name = "instance_configuration_seq", sequenceName = "instance_configuration_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "instance_configuration_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "instance_id", nullable = false)
    private Instance instance;

    @Column(name = "config_key", nullable = false)
    private String key;

    @Column(name = "property_value", length = 10000)
    private String plainValue;

    @Column(name = "secret_ciphertext", length = 20000)
    private String secretCiphertext;

    @Column(name = "key_id")
    private String keyId;

    protected InstanceConfigurationEntry() {
    }

    InstanceConfigurationEntry(Instance instance, String key) {
        this.instance = instance;
        this.key = key;
    }

    public void setPlain(String value) {
        this.plainValue = value;
        this.secretCiphertext = null;
        this.keyId = null;
    }

    public void setSecret(String keyId, String ciphertext) {
        this.plainValue = null;
        this.keyId = keyId;
        this.secretCiphertext = ciphertext;
    }

    public boolean isSecret() {
        return secretCiphertext != null;
    }

    public Long getId() {
        return id;
    }

    public Instance getInstance() {
        return instance;
    }

    public String getKey() {
        return key;
    }

    public String getPlainValue() {
        return plainValue;
    }

    public String getSecretCiphertext() {
        return secretCiphertext;
    }

    public String getKeyId() {
        return keyId;
    }
}
