<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>anatomix::report::Deidentifier</name>
    <message>
        <source>De-identification could not change %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::report::DerivedObject</name>
    <message>
        <source>Cannot write %1: the source image %2 is not a DICOM file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: the source image %2 cannot be read: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: the character set of the source image %2 cannot be converted to UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: the source image %2 lacks its study, series or SOP UIDs or its size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: finding &quot;%2&quot; has region (%3, %4, %5, %6), which is not inside the %7 x %8 source image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: measurement &quot;%2&quot; has no valid coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: no temporary folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::report::DraftStore</name>
    <message>
        <source>Cannot create the draft folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the report draft to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the report draft %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report draft %1 is %2 bytes, more than a draft can be</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report draft %1 is corrupt: %2 at byte %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete the report draft %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::report::KeyImageExport</name>
    <message>
        <source>Cannot write the key image %1: no image is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the key image %1 without patient identifiers: the burned-in view may show them. Turn off &quot;Remove Patient Identifiers&quot; to export it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::report::PdfExport</name>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region (pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI wording: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chest radiograph report (draft)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI findings and the radiologist&apos;s decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the PDF report %1: key image %2 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the PDF report %1: the PDF writer did not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the PDF report %1: the PDF writer failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the PDF report %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measurements by the radiologist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::report::PresentationState</name>
    <message>
        <source>Cannot write %1: anatomy &quot;%2&quot; has no valid coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: question region %2 has no valid coordinates</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::report::ReportDraft</name>
    <message>
        <source>%1: finding %2 has an unknown source &quot;%3&quot; or decision &quot;%4&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: finding %2 has a region that is not [x1, y1, x2, y2]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anatomy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phrase grounding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abnormality detection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a report draft (no &quot;format&quot;: &quot;anatomix-report-draft&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: draft format version %2 is not supported (expected %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the draft has no &quot;study&quot; object or no &quot;findings&quot; list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laterality check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cardiothoracic ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: measurement %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has an unknown kind &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has no [x1, y1, x2, y2] rect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has a point that is not [x, y]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has %1 points, not %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::report::ReportExport</name>
    <message>
        <source>Text files (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DICOM structured reports (*.dcm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DICOM secondary capture images (*.dcm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DICOM presentation states (*.dcm)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::report::ReportHeader</name>
    <message>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identifiers removed (DICOM PS3.15 basic profile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study UID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image UID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accession number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::report::ReportPanel</name>
    <message>
        <source>&amp;Generate Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Generation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as &amp;Text...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as &amp;PDF...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as &amp;DICOM SR...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Patient Identifiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports leave out names, IDs, dates and other identifiers (DICOM PS3.15 basic profile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI findings and decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft restored (saved %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating the report...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report generated; edit it before exporting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report generation stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report generation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a study before exporting a report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export is already running; wait for it to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the report to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Key Image (SC)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image as shown, overlays burned in, as a DICOM Secondary Capture in the study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Presentation &amp;State (GSPS)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window, orientation, AI boxes and measurements as a DICOM presentation state of the image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::report::SrExport</name>
    <message>
        <source>Cannot write the DICOM SR %1: DCMTK refused a content item of type %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the DICOM SR %1: DCMTK refused &quot;%2&quot;: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the DICOM SR %1: %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::report::StudyIdentity</name>
    <message>
        <source>Cannot read the DICOM header of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a usable DICOM image: SOP Class, SOP Instance or Study Instance UID missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>anatomix::report::TextExport</name>
    <message>
        <source>AI-generated draft, demonstration model, not for clinical use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CHEST RADIOGRAPH REPORT (DRAFT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FINDINGS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMPRESSION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI FINDINGS AND DECISIONS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI wording: &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regions (pixels): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the text report %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MEASUREMENTS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, model %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
