<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>anatomix::report::Deidentifier</name>
    <message>
        <source>De-identification could not change %1: %2</source>
        <translation>Die De-Identifizierung konnte %1 nicht ändern: %2</translation>
    </message>
</context>
<context>
    <name>anatomix::report::DerivedObject</name>
    <message>
        <source>Cannot write %1: the source image %2 is not a DICOM file</source>
        <translation>%1 kann nicht geschrieben werden: das Quellbild %2 ist keine DICOM-Datei</translation>
    </message>
    <message>
        <source>Cannot write %1: the source image %2 cannot be read: %3</source>
        <translation>%1 kann nicht geschrieben werden: das Quellbild %2 ist nicht lesbar: %3</translation>
    </message>
    <message>
        <source>Cannot write %1: the character set of the source image %2 cannot be converted to UTF-8</source>
        <translation>%1 kann nicht geschrieben werden: der Zeichensatz des Quellbilds %2 lässt sich nicht in UTF-8 umwandeln</translation>
    </message>
    <message>
        <source>Cannot write %1: the source image %2 lacks its study, series or SOP UIDs or its size</source>
        <translation>%1 kann nicht geschrieben werden: dem Quellbild %2 fehlen Studien-, Serien- oder SOP-UIDs oder die Bildgröße</translation>
    </message>
    <message>
        <source>Cannot write %1: finding &quot;%2&quot; has region (%3, %4, %5, %6), which is not inside the %7 x %8 source image</source>
        <translation>%1 kann nicht geschrieben werden: Befund „%2“ hat die Region (%3, %4, %5, %6), die nicht im %7 x %8 großen Quellbild liegt</translation>
    </message>
    <message>
        <source>Cannot write %1: measurement &quot;%2&quot; has no valid coordinates</source>
        <translation>%1 kann nicht geschrieben werden: Messung „%2“ hat keine gültigen Koordinaten</translation>
    </message>
    <message>
        <source>Cannot write %1: %2: %3</source>
        <translation>%1 kann nicht geschrieben werden: %2: %3</translation>
    </message>
    <message>
        <source>Cannot write %1: no temporary folder</source>
        <translation>%1 kann nicht geschrieben werden: kein temporärer Ordner</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>anatomix::report::DraftStore</name>
    <message>
        <source>Cannot create the draft folder %1</source>
        <translation>Der Entwurfsordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot save the report draft to %1: %2</source>
        <translation>Der Befundentwurf kann nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Cannot read the report draft %1: %2</source>
        <translation>Der Befundentwurf %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The report draft %1 is %2 bytes, more than a draft can be</source>
        <translation>Der Befundentwurf %1 ist %2 Bytes groß, mehr als ein Entwurf sein kann</translation>
    </message>
    <message>
        <source>The report draft %1 is corrupt: %2 at byte %3</source>
        <translation>Der Befundentwurf %1 ist beschädigt: %2 bei Byte %3</translation>
    </message>
    <message>
        <source>Cannot delete the report draft %1</source>
        <translation>Der Befundentwurf %1 kann nicht gelöscht werden</translation>
    </message>
</context>
<context>
    <name>anatomix::report::KeyImageExport</name>
    <message>
        <source>Cannot write the key image %1: no image is shown</source>
        <translation>Das Schlüsselbild %1 kann nicht geschrieben werden: es wird kein Bild angezeigt</translation>
    </message>
    <message>
        <source>Cannot write the key image %1 without patient identifiers: the burned-in view may show them. Turn off &quot;Remove Patient Identifiers&quot; to export it.</source>
        <translation>Das Schlüsselbild %1 kann nicht ohne Patienten-Identifikatoren geschrieben werden: die eingebrannte Ansicht kann sie zeigen. Schalten Sie „Patienten-Identifikatoren entfernen“ aus, um es zu exportieren.</translation>
    </message>
</context>
<context>
    <name>anatomix::report::PdfExport</name>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Region (pixels)</source>
        <translation>Region (Pixel)</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>AI wording: %1</source>
        <translation>KI-Formulierung: %1</translation>
    </message>
    <message>
        <source>Chest radiograph report (draft)</source>
        <translation>Befund Thorax-Röntgen (Entwurf)</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Impression</source>
        <translation>Beurteilung</translation>
    </message>
    <message>
        <source>AI findings and the radiologist&apos;s decisions</source>
        <translation>KI-Befunde und Entscheidungen des Radiologen</translation>
    </message>
    <message>
        <source>Cannot write the PDF report %1: key image %2 is empty</source>
        <translation>Der PDF-Befund %1 kann nicht geschrieben werden: Schlüsselbild %2 ist leer</translation>
    </message>
    <message>
        <source>Cannot write the PDF report %1: the PDF writer did not start</source>
        <translation>Der PDF-Befund %1 kann nicht geschrieben werden: der PDF-Writer startet nicht</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>Cannot write the PDF report %1: the PDF writer failed</source>
        <translation>Der PDF-Befund %1 kann nicht geschrieben werden: der PDF-Writer ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot write the PDF report %1: %2</source>
        <translation>Der PDF-Befund %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>Messung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Kalibrierung</translation>
    </message>
    <message>
        <source>Measurements by the radiologist</source>
        <translation>Messungen des Radiologen</translation>
    </message>
</context>
<context>
    <name>anatomix::report::PresentationState</name>
    <message>
        <source>Cannot write %1: anatomy &quot;%2&quot; has no valid coordinates</source>
        <translation>%1 kann nicht geschrieben werden: Anatomie „%2“ hat keine gültigen Koordinaten</translation>
    </message>
    <message>
        <source>Cannot write %1: question region %2 has no valid coordinates</source>
        <translation>%1 kann nicht geschrieben werden: Frageregion %2 hat keine gültigen Koordinaten</translation>
    </message>
</context>
<context>
    <name>anatomix::report::ReportDraft</name>
    <message>
        <source>%1: finding %2 has an unknown source &quot;%3&quot; or decision &quot;%4&quot;</source>
        <translation>%1: Befund %2 hat eine unbekannte Quelle „%3“ oder Entscheidung „%4“</translation>
    </message>
    <message>
        <source>%1: finding %2 has a region that is not [x1, y1, x2, y2]</source>
        <translation>%1: Befund %2 hat eine Region, die nicht [x1, y1, x2, y2] ist</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Bearbeitet</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Anatomy</source>
        <translation>Anatomie</translation>
    </message>
    <message>
        <source>Phrase grounding</source>
        <translation>Phrasen-Lokalisierung</translation>
    </message>
    <message>
        <source>Abnormality detection</source>
        <translation>Auffälligkeitserkennung</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Klassifikation</translation>
    </message>
    <message>
        <source>Region answer</source>
        <translation>Regionsantwort</translation>
    </message>
    <message>
        <source>%1 is not a report draft (no &quot;format&quot;: &quot;anatomix-report-draft&quot;)</source>
        <translation>%1 ist kein Befundentwurf (kein &quot;format&quot;: &quot;anatomix-report-draft&quot;)</translation>
    </message>
    <message>
        <source>%1: draft format version %2 is not supported (expected %3)</source>
        <translation>%1: Entwurfsformat-Version %2 wird nicht unterstützt (erwartet %3)</translation>
    </message>
    <message>
        <source>%1: the draft has no &quot;study&quot; object or no &quot;findings&quot; list</source>
        <translation>%1: Der Entwurf hat kein &quot;study&quot;-Objekt oder keine &quot;findings&quot;-Liste</translation>
    </message>
    <message>
        <source>Laterality check</source>
        <translation>Seitenprüfung</translation>
    </message>
    <message>
        <source>Cardiothoracic ratio</source>
        <translation>Herz-Thorax-Quotient</translation>
    </message>
    <message>
        <source>%1: measurement %2 %3</source>
        <translation>%1: Messung %2 %3</translation>
    </message>
    <message>
        <source>has an unknown kind &quot;%1&quot;</source>
        <translation>hat eine unbekannte Art „%1“</translation>
    </message>
    <message>
        <source>has no [x1, y1, x2, y2] rect</source>
        <translation>hat kein Rechteck [x1, y1, x2, y2]</translation>
    </message>
    <message>
        <source>has a point that is not [x, y]</source>
        <translation>hat einen Punkt, der nicht [x, y] ist</translation>
    </message>
    <message>
        <source>has %1 points, not %2</source>
        <translation>hat %1 Punkte statt %2</translation>
    </message>
</context>
<context>
    <name>anatomix::report::ReportExport</name>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <source>DICOM structured reports (*.dcm)</source>
        <translation>DICOM Structured Reports (*.dcm)</translation>
    </message>
    <message>
        <source>DICOM secondary capture images (*.dcm)</source>
        <translation>DICOM Secondary-Capture-Bilder (*.dcm)</translation>
    </message>
    <message>
        <source>DICOM presentation states (*.dcm)</source>
        <translation>DICOM Presentation States (*.dcm)</translation>
    </message>
</context>
<context>
    <name>anatomix::report::ReportHeader</name>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>identifiers removed (DICOM PS3.15 basic profile)</source>
        <translation>Identifikatoren entfernt (DICOM PS3.15 Basisprofil)</translation>
    </message>
    <message>
        <source>Study UID</source>
        <translation>Studien-UID</translation>
    </message>
    <message>
        <source>Image UID</source>
        <translation>Bild-UID</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>Patienten-ID</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Geschlecht</translation>
    </message>
    <message>
        <source>Accession number</source>
        <translation>Auftragsnummer</translation>
    </message>
    <message>
        <source>Study date</source>
        <translation>Studiendatum</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>Studie</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exportiert</translation>
    </message>
</context>
<context>
    <name>anatomix::report::ReportPanel</name>
    <message>
        <source>&amp;Generate Report</source>
        <translation>Befund &amp;erstellen</translation>
    </message>
    <message>
        <source>&amp;Cancel Generation</source>
        <translation>Erstellung &amp;abbrechen</translation>
    </message>
    <message>
        <source>Export as &amp;Text...</source>
        <translation>Als &amp;Text exportieren...</translation>
    </message>
    <message>
        <source>Export as &amp;PDF...</source>
        <translation>Als &amp;PDF exportieren...</translation>
    </message>
    <message>
        <source>Export as &amp;DICOM SR...</source>
        <translation>Als &amp;DICOM SR exportieren...</translation>
    </message>
    <message>
        <source>&amp;Remove Patient Identifiers</source>
        <translation>Patienten-Identifikatoren &amp;entfernen</translation>
    </message>
    <message>
        <source>Exports leave out names, IDs, dates and other identifiers (DICOM PS3.15 basic profile)</source>
        <translation>Exporte lassen Namen, IDs, Daten und andere Identifikatoren weg (DICOM PS3.15 Basisprofil)</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Impression</source>
        <translation>Beurteilung</translation>
    </message>
    <message>
        <source>AI finding</source>
        <translation>KI-Befund</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>AI findings and decisions</source>
        <translation>KI-Befunde und Entscheidungen</translation>
    </message>
    <message>
        <source>Draft restored (saved %1)</source>
        <translation>Entwurf wiederhergestellt (gespeichert %1)</translation>
    </message>
    <message>
        <source>Generating the report...</source>
        <translation>Befund wird erstellt...</translation>
    </message>
    <message>
        <source>Report generated; edit it before exporting.</source>
        <translation>Befund erstellt; vor dem Export bearbeiten.</translation>
    </message>
    <message>
        <source>Report generation stopped.</source>
        <translation>Befunderstellung angehalten.</translation>
    </message>
    <message>
        <source>Report generation failed: %1</source>
        <translation>Befunderstellung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Befund exportieren</translation>
    </message>
    <message>
        <source>Open a study before exporting a report.</source>
        <translation>Öffnen Sie eine Studie, bevor Sie einen Befund exportieren.</translation>
    </message>
    <message>
        <source>An export is already running; wait for it to finish.</source>
        <translation>Ein Export läuft bereits; warten Sie, bis er fertig ist.</translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation>Export nach %1...</translation>
    </message>
    <message>
        <source>Cannot export the report to %1: %2</source>
        <translation>Der Befund kann nicht nach %1 exportiert werden: %2</translation>
    </message>
    <message>
        <source>Report exported to %1</source>
        <translation>Befund nach %1 exportiert</translation>
    </message>
    <message>
        <source>Export &amp;Key Image (SC)...</source>
        <translation>&amp;Schlüsselbild exportieren (SC)...</translation>
    </message>
    <message>
        <source>The image as shown, overlays burned in, as a DICOM Secondary Capture in the study</source>
        <translation>Das Bild wie angezeigt, mit eingebrannten Überlagerungen, als DICOM Secondary Capture in der Studie</translation>
    </message>
    <message>
        <source>Export Presentation &amp;State (GSPS)...</source>
        <translation>Presentation State exportieren (&amp;GSPS)...</translation>
    </message>
    <message>
        <source>The window, orientation, AI boxes and measurements as a DICOM presentation state of the image</source>
        <translation>Fenster, Ausrichtung, KI-Boxen und Messungen als DICOM Presentation State des Bildes</translation>
    </message>
</context>
<context>
    <name>anatomix::report::SrExport</name>
    <message>
        <source>Cannot write the DICOM SR %1: DCMTK refused a content item of type %2</source>
        <translation>Das DICOM SR %1 kann nicht geschrieben werden: DCMTK lehnt ein Inhaltselement vom Typ %2 ab</translation>
    </message>
    <message>
        <source>Cannot write the DICOM SR %1: DCMTK refused &quot;%2&quot;: %3</source>
        <translation>Das DICOM SR %1 kann nicht geschrieben werden: DCMTK lehnt „%2“ ab: %3</translation>
    </message>
    <message>
        <source>Cannot write the DICOM SR %1: %2: %3</source>
        <translation>Das DICOM SR %1 kann nicht geschrieben werden: %2: %3</translation>
    </message>
</context>
<context>
    <name>anatomix::report::StudyIdentity</name>
    <message>
        <source>Cannot read the DICOM header of %1: %2</source>
        <translation>Der DICOM-Header von %1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>%1 is not a usable DICOM image: SOP Class, SOP Instance or Study Instance UID missing</source>
        <translation>%1 ist kein verwendbares DICOM-Bild: SOP Class, SOP Instance oder Study Instance UID fehlt</translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file</source>
        <translation>%1 existiert nicht oder ist keine Datei</translation>
    </message>
</context>
<context>
    <name>anatomix::report::TextExport</name>
    <message>
        <source>AI-generated draft, demonstration model, not for clinical use</source>
        <translation>KI-generierter Entwurf, Demonstrationsmodell, nicht für den klinischen Einsatz</translation>
    </message>
    <message>
        <source>CHEST RADIOGRAPH REPORT (DRAFT)</source>
        <translation>BEFUND THORAX-RÖNTGEN (ENTWURF)</translation>
    </message>
    <message>
        <source>FINDINGS</source>
        <translation>BEFUND</translation>
    </message>
    <message>
        <source>IMPRESSION</source>
        <translation>BEURTEILUNG</translation>
    </message>
    <message>
        <source>AI FINDINGS AND DECISIONS</source>
        <translation>KI-BEFUNDE UND ENTSCHEIDUNGEN</translation>
    </message>
    <message>
        <source>AI wording: &quot;%1&quot;</source>
        <translation>KI-Formulierung: „%1“</translation>
    </message>
    <message>
        <source>regions (pixels): %1</source>
        <translation>Regionen (Pixel): %1</translation>
    </message>
    <message>
        <source>Cannot write the text report %1: %2</source>
        <translation>Der Textbefund %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>MEASUREMENTS</source>
        <translation>MESSUNGEN</translation>
    </message>
    <message>
        <source>%1, model %2</source>
        <translation>%1, Modell %2</translation>
    </message>
</context>
</TS>
